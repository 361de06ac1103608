package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * The gateway's lease on {@code <prefix>.gateways}: renewed every {@link #interval}, each renewal valid for {@link
 * #ttl}. The processor purges the connections of a gateway whose lease expired (it crashed: no Disconnect ever came);
 * a gateway without a lease record is never purged.
 *
 * @param interval between two renewals; zero writes no lease at all (the gateway is never purged)
 * @param ttl how long one renewal keeps the gateway alive; at least twice the interval, so one late renewal does not
 *     get a live gateway purged
 */
public record LeaseConfig(Duration interval, Duration ttl) {
    /** No lease: the processor never purges this gateway's connections. */
    public static final LeaseConfig OFF = new LeaseConfig(Duration.ZERO, Duration.ZERO);

    public LeaseConfig {
        if (interval.isNegative() || ttl.isNegative()) {
            throw new IllegalArgumentException("lease durations must not be negative");
        }
        if (!interval.isZero() && ttl.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease ttl must be at least twice the renewal interval");
        }
    }

    /** Whether a lease is written at all. */
    public boolean enabled() {
        return !interval.isZero();
    }
}
