package io.switchboard.launcher;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a component within a time bound, so that one stuck part cannot keep the whole process from stopping. */
public final class BoundedClose {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedClose.class);

    private BoundedClose() {}

    /**
     * Closes {@code closeable} on its own thread and waits at most {@code timeout}.
     *
     * @return whether it finished in time (a failure to close is logged and counts as finished)
     */
    public static boolean close(String what, AutoCloseable closeable, Duration timeout) {
        if (closeable == null) {
            return true;
        }
        Thread closer = new Thread(() -> closeLogging(what, closeable), "close-" + what);
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("{} did not stop within {} ms; going on without it", what, timeout.toMillis());
            return false;
        }
        return true;
    }

    private static void closeLogging(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", what, e);
        }
    }
}
