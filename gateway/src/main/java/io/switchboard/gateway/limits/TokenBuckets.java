package io.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.switchboard.gateway.config.LimitsConfig.Rate;
import java.time.Duration;
import java.util.function.Function;

/**
 * Token buckets by key (Bucket4j), created full on first use and kept in a Caffeine cache while they are used. A
 * bucket is dropped only after it has gone unused for longer than any of them takes to fill up, so dropping one never
 * hands out a token it would not have had. Thread-safe; never blocks.
 *
 * @param <K> the key, e.g. a user and a kind of message
 */
final class TokenBuckets<K> {
    /** Nothing to wait for: the token was taken. */
    static final long TAKEN = 0;

    private final Function<K, Rate> rateOf;
    private final TimeMeter time;
    private final Cache<K, Bucket> buckets;

    /**
     * @param rateOf the rate of a key's bucket; an unlimited rate takes no bucket
     * @param longestFill the longest time any key's bucket takes to fill up
     * @param ticker the time source of the buckets and of the cache's expiry
     */
    TokenBuckets(Function<K, Rate> rateOf, Duration longestFill, Ticker ticker) {
        this.rateOf = rateOf;
        this.time = new TickerTime(ticker);
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(longestFill)
                .build();
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return {@link #TAKEN}, or the nanoseconds until the bucket has a token again (at least 1)
     */
    long tryTake(K key) {
        Rate rate = rateOf.apply(key);
        if (rate.isUnlimited()) {
            return TAKEN;
        }
        ConsumptionProbe probe = buckets.get(key, k -> newBucket(rate)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? TAKEN : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Drops the key's bucket, e.g. of a connection that closed. */
    void forget(K key) {
        buckets.invalidate(key);
    }

    /** How many buckets are held now, after dropping those gone unused for too long. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(Rate rate) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(1, rate.perToken()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Milliseconds to announce in {@code retry_after_ms} or {@code Retry-After}: rounded up, at least 1. */
    static long toMillis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** The buckets' clock is the cache's: one injected source of time. */
    private record TickerTime(Ticker ticker) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return ticker.read();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
