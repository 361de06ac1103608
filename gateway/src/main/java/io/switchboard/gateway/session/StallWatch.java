package io.switchboard.gateway.session;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a connection's writer counts as stalled, which is what makes a queue over its bounds a slow consumer: the batch
 * it is writing has been waiting for its socket for longer than the grace. Time the writer's thread was behind does
 * not count: a batch whose bytes the kernel took at once still completes only when its I/O thread comes round, and a
 * gateway whose I/O threads are busy must not take that for a client that stopped reading.
 *
 * @param grace how long a batch may wait for its socket; zero makes the bounds strict (every queue over them is shed)
 * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
 * @param writerLagNanos how far behind the writer's thread is now (the wait of a task queued to it)
 */
public record StallWatch(Duration grace, LongSupplier nanoClock, LongSupplier writerLagNanos) {
    public StallWatch {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the stall grace must not be negative");
        }
    }

    boolean isStrict() {
        return grace.isZero();
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** Whether a batch handed to the socket at {@code sinceNanos} and not written yet has stalled. */
    boolean stalledSince(long sinceNanos) {
        return now() - sinceNanos - writerLagNanos.getAsLong() >= grace.toNanos();
    }
}
