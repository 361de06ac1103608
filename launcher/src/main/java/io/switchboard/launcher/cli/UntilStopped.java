package io.switchboard.launcher.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a command in the foreground until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what it runs
 * from a shutdown hook.
 */
final class UntilStopped {
    private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);

    private final CountDownLatch closed = new CountDownLatch(1);

    private UntilStopped() {}

    /** Registers the hook that closes {@code running} when the JVM stops; it may still be starting then. */
    static UntilStopped closeOnShutdown(String what, AutoCloseable running) {
        UntilStopped stopper = new UntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopper.stop(what, running), "switchboard-shutdown"));
        return stopper;
    }

    /** Blocks until shutdown has closed what runs. */
    void await() throws InterruptedException {
        closed.await();
    }

    private void stop(String what, AutoCloseable running) {
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
