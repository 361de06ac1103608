package io.switchboard.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Full-jitter backoff: a random delay between the least delay and a cap that doubles per attempt up to the largest,
 * so that clients dropped together by one gateway do not all come back at the same instant.
 */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("the least reconnection delay must be positive, not " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    "the largest reconnection delay (" + max + ") is below the least one (" + min + ")");
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (1 for the first retry). */
    Duration delay(int attempt) {
        long minMs = min.toMillis();
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long cap = Math.min(max.toMillis(), minMs << doublings);
        if (cap < 0) {
            cap = max.toMillis(); // shifted past Long.MAX_VALUE
        }
        return Duration.ofMillis(minMs + (long) (random.getAsDouble() * (cap - minMs)));
    }
}
