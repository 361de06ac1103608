package io.switchboard.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway started, closed in reverse start order (when it stops, or when a later step of its start throws),
 * and the deadline of its drain, within which the actions producer is closed.
 */
final class Teardown {
    /** Under the gateway's name, where {@code close-failed} was always logged. */
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardGateway.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** When the drain must be over ({@link System#nanoTime()}); set when the drain starts. */
    private final AtomicLong drainDeadline = new AtomicLong();

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** The drain starts now and must be over within {@code grace}. */
    void drainWithin(Duration grace) {
        drainDeadline.set(System.nanoTime() + grace.toNanos());
    }

    /** What is left until the drain's deadline; nothing before it was set. */
    Duration drainLeft() {
        return Duration.ofNanos(Math.max(0, drainDeadline.get() - System.nanoTime()));
    }

    /** A start failed: closes everything started so far at once, without a drain. */
    void abort() {
        drainDeadline.set(System.nanoTime());
        closeAll();
    }

    /** Closes in reverse start order; a resource that fails to close is logged, and the next one closed all the same. */
    void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("close-failed: {}", resources.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
