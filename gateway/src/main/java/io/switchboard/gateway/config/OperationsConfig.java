package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /**
     * Milliseconds a graceful stop (SIGTERM) may take in all, 1 to 600000: readiness turns down, new upgrades get 503,
     * every client is closed with 1001, then the producer is flushed. Default 10000.
     */
    public static final String DRAIN_GRACE_MS = "gateway.drain.grace-ms";
    /**
     * Milliseconds, 0 to 60000 and less than {@code gateway.drain.grace-ms}, that a graceful stop keeps its clients
     * after readiness turned down and before it closes the first with 1001: set it above what a load balancer in
     * front takes to see the gateway unready (check interval × failures), so that reconnects go elsewhere. Default 0.
     */
    public static final String DRAIN_DELAY_MS = "gateway.drain.delay-ms";
    /**
     * Milliseconds between two summaries of this gateway on the channel {@code connections} (for admins), 0 to 3600000;
     * 0 = none. Default 10000.
     */
    public static final String CONNECTIONS_SUMMARY_INTERVAL_MS = "gateway.connections-summary.interval-ms";
    /**
     * Milliseconds between two renewals of this gateway's lease on {@code <prefix>.gateways}, 0 to 3600000; 0 = no
     * lease, and the processor never purges the connections of this gateway if it crashes. Default 5000.
     */
    public static final String LEASE_INTERVAL_MS = "gateway.lease.interval-ms";
    /**
     * Milliseconds one lease renewal is valid, 1 to 86400000, at least twice {@code gateway.lease.interval-ms}: when
     * it passes without a renewal the processor takes the gateway for crashed and purges its connections. Default
     * 20000.
     */
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

    /** Every key of this record with its default, for {@code Settings.load}. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>(HeartbeatConfig.defaults());
        defaults.putAll(OutageConfig.defaults());
        defaults.put(DRAIN_GRACE_MS, "10000");
        defaults.put(DRAIN_DELAY_MS, "0");
        defaults.put(CONNECTIONS_SUMMARY_INTERVAL_MS, "10000");
        defaults.put(LEASE_INTERVAL_MS, "5000");
        defaults.put(LEASE_TTL_MS, "20000");
        return Map.copyOf(defaults);
    }

    public static OperationsConfig from(Settings settings) {
        Duration grace = Duration.ofMillis(settings.longValue(DRAIN_GRACE_MS, 1, 600_000));
        return new OperationsConfig(
                HeartbeatConfig.from(settings),
                OutageConfig.from(settings),
                grace,
                drainDelay(settings, grace),
                Duration.ofMillis(settings.longValue(CONNECTIONS_SUMMARY_INTERVAL_MS, 0, 3_600_000)),
                lease(settings));
    }

    private static Duration drainDelay(Settings settings, Duration grace) {
        Duration delay = Duration.ofMillis(settings.longValue(DRAIN_DELAY_MS, 0, 60_000));
        if (delay.compareTo(grace) >= 0) {
            throw new ConfigException(
                    DRAIN_DELAY_MS,
                    delay.toMillis() + " ms must be less than the drain grace (" + DRAIN_GRACE_MS + " = "
                            + grace.toMillis() + " ms), which must leave time to close the clients");
        }
        return delay;
    }

    private static LeaseConfig lease(Settings settings) {
        Duration interval = Duration.ofMillis(settings.longValue(LEASE_INTERVAL_MS, 0, 3_600_000));
        Duration ttl = Duration.ofMillis(settings.longValue(LEASE_TTL_MS, 1, 86_400_000));
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
    public static OperationsConfig of(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(defaults());
        values.putAll(overrides);
        return from(Settings.of(values));
    }

    /** The defaults: production heartbeats. */
    public static OperationsConfig defaultsOnly() {
        return of(Map.of());
    }

    public OperationsConfig withHeartbeat(HeartbeatConfig newHeartbeat) {
        return new OperationsConfig(newHeartbeat, outage, drainGrace, drainDelay, connectionsSummaryInterval, lease);
    }

    public OperationsConfig withOutage(OutageConfig newOutage) {
        return new OperationsConfig(heartbeat, newOutage, drainGrace, drainDelay, connectionsSummaryInterval, lease);
    }

    public OperationsConfig withConnectionsSummaryInterval(Duration interval) {
        return new OperationsConfig(heartbeat, outage, drainGrace, drainDelay, interval, lease);
    }

    public OperationsConfig withDrainGrace(Duration grace) {
        return new OperationsConfig(heartbeat, outage, grace, drainDelay, connectionsSummaryInterval, lease);
    }

    public OperationsConfig withDrainDelay(Duration delay) {
        return new OperationsConfig(heartbeat, outage, drainGrace, delay, connectionsSummaryInterval, lease);
    }

    /** As {@code gateway.lease.interval-ms} and {@code gateway.lease.ttl-ms}; {@link LeaseConfig#OFF} for none. */
    public OperationsConfig withLease(LeaseConfig newLease) {
        return new OperationsConfig(heartbeat, outage, drainGrace, drainDelay, connectionsSummaryInterval, newLease);
    }
}
