package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigTable;
import io.switchboard.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a gateway is operated: heartbeats, behaviour during a Kafka outage, and the graceful drain on shutdown. Loaded
 * from the same {@link Settings} as {@link GatewayConfig}; a bad value fails at start naming its key.
 *
 * @param heartbeat pings and the 4010 timeout
 * @param outage Kafka unreachable: when it counts as such, and how many actions may wait meanwhile
 * @param drainGrace the most a graceful stop takes: readiness off, upgrades refused, clients closed with 1001, the
 *     producer flushed; whatever is left when it ends is closed hard
 * @param drainDelay how long, within the grace, readiness is down before the first client is closed: time for a load
 *     balancer's health checks to take the gateway out, so that no reconnect comes back to it
 * @param connectionsSummaryInterval how often the gateway publishes its summary on the {@code connections} channel;
 *     zero for never
 * @param lease the gateway's liveness lease, by which the processor purges the connections of a crashed gateway
 */
public record OperationsConfig(
        HeartbeatConfig heartbeat,
        OutageConfig outage,
        Duration drainGrace,
        Duration drainDelay,
        Duration connectionsSummaryInterval,
        LeaseConfig lease) {
    private static final ConfigTable KEYS = GatewayKeys.TABLE;

    // Key names; each is documented in GatewayKeys.
    public static final String DRAIN_GRACE_MS = "gateway.drain.grace-ms";
    public static final String DRAIN_DELAY_MS = "gateway.drain.delay-ms";
    public static final String CONNECTIONS_SUMMARY_INTERVAL_MS = "gateway.connections-summary.interval-ms";
    public static final String LEASE_INTERVAL_MS = "gateway.lease.interval-ms";
    public static final String LEASE_TTL_MS = "gateway.lease.ttl-ms";

    public OperationsConfig {
        if (drainGrace.isNegative() || drainGrace.isZero()) {
            throw new IllegalArgumentException("the drain grace period must be positive");
        }
        if (drainDelay.isNegative() || drainDelay.compareTo(drainGrace) >= 0) {
            throw new IllegalArgumentException("the drain delay must be at least 0 and less than the drain grace");
        }
        if (connectionsSummaryInterval.isNegative()) {
            throw new IllegalArgumentException("the connections summary interval must not be negative");
        }
        Objects.requireNonNull(lease, "lease");
    }

    static OperationsConfig from(Settings settings) {
        Duration grace = Duration.ofMillis(KEYS.longValue(settings, DRAIN_GRACE_MS));
        return new OperationsConfig(
                HeartbeatConfig.from(settings),
                OutageConfig.from(settings),
                grace,
                drainDelay(settings, grace),
                Duration.ofMillis(KEYS.longValue(settings, CONNECTIONS_SUMMARY_INTERVAL_MS)),
                lease(settings));
    }

    private static Duration drainDelay(Settings settings, Duration grace) {
        Duration delay = Duration.ofMillis(KEYS.longValue(settings, DRAIN_DELAY_MS));
        if (delay.compareTo(grace) >= 0) {
            throw new ConfigException(
                    DRAIN_DELAY_MS,
                    delay.toMillis() + " ms must be less than the drain grace (" + DRAIN_GRACE_MS + " = "
                            + grace.toMillis() + " ms), which must leave time to close the clients");
        }
        return delay;
    }

    private static LeaseConfig lease(Settings settings) {
        Duration interval = Duration.ofMillis(KEYS.longValue(settings, LEASE_INTERVAL_MS));
        Duration ttl = Duration.ofMillis(KEYS.longValue(settings, LEASE_TTL_MS));
        if (!interval.isZero() && ttl.compareTo(interval.multipliedBy(2)) < 0) {
            throw new ConfigException(
                    LEASE_TTL_MS,
                    ttl.toMillis() + " ms must be at least twice the renewal interval (" + LEASE_INTERVAL_MS + " = "
                            + interval.toMillis()
                            + " ms), or one late renewal gets a live gateway's connections purged");
        }
        return new LeaseConfig(interval, ttl);
    }

    /** The defaults with these keys changed. */
    static OperationsConfig of(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(GatewayConfig.defaults());
        values.putAll(overrides);
        return from(Settings.of(values));
    }

    /** The defaults: production heartbeats. */
    static OperationsConfig defaultsOnly() {
        return of(Map.of());
    }
}
