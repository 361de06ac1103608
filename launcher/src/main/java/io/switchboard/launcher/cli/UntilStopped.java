package io.switchboard.launcher.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a command in the foreground until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what it ran. */
final class UntilStopped {
    private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);

    private UntilStopped() {}

    /** Blocks until shutdown; {@code running} is closed by the shutdown hook before this returns. */
    static void await(String what, AutoCloseable running) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(what, running, closed), "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        closed.await();
    }

    private static void stop(String what, AutoCloseable running, CountDownLatch closed) {
        LOG.info("Stopping {}", what);
        try {
            running.close();
            LOG.info("Stopped {}", what);
        } catch (Exception e) {
            LOG.warn("Stopping {} failed", what, e);
        } finally {
            closed.countDown();
        }
    }
}
