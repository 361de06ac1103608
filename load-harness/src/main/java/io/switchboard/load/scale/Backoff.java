package io.switchboard.load.scale;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays with "full jitter": attempt {@code n} waits a uniform random time in {@code [0, min(cap, base ·
 * 2^n))}. Thousands of clients that lose their gateway at the same instant so spread their handshakes over the
 * first window instead of arriving together, and those refused (429) back off further each time.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final LongUnaryOperator uniformBelow;

    /** Delays from {@code baseMillis} (first window) doubling up to {@code capMillis}. */
    public Backoff(long baseMillis, long capMillis) {
        this(baseMillis, capMillis, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** With {@code uniformBelow(bound)} giving a value in {@code [0, bound)}: tests pass a fixed one. */
    public Backoff(long baseMillis, long capMillis, LongUnaryOperator uniformBelow) {
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("need 1 <= base <= cap, got base " + baseMillis + ", cap " + capMillis);
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.uniformBelow = uniformBelow;
    }

    /** The window of attempt {@code attempt} (0 first): {@code min(cap, base · 2^attempt)}. */
    public long windowMillis(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be at least 0");
        }
        int shift = Math.min(attempt, 30);
        return Math.min(capMillis, baseMillis << shift);
    }

    /** The delay before attempt {@code attempt}: uniform in {@code [0, window)}. */
    public long delayMillis(int attempt) {
        return uniformBelow.applyAsLong(windowMillis(attempt));
    }
}
