package io.switchboard.gateway.config;

import io.switchboard.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the gateway behaves while Kafka is unreachable: it keeps its sockets, answers actions with {@code unavailable}
 * at once, refuses new upgrades with 503 and reports not ready, and recovers by itself when Kafka answers again.
 * Actions accepted before the outage was noticed wait in memory bounded by count and bytes.
 *
 * @param silenceGrace how long the reply consumer (which fetches at least every half second) may go without any
 *     response from a broker before Kafka counts as unreachable
 * @param maxPendingActions actions handed to the producer and not yet acknowledged, at most; more get {@code
 *     unavailable}
 * @param maxPendingBytes serialized bytes of those actions, at most
 */
public record OutageConfig(Duration silenceGrace, int maxPendingActions, long maxPendingBytes) {
    /** Milliseconds without a response from Kafka before it counts as unreachable, 100 to 600000. Default 5000. */
    public static final String SILENCE_MS = "gateway.kafka.unreachable-after-ms";
    /** Client actions waiting for Kafka's acknowledgement, at most, 1 to 1000000. Default 10000. */
    public static final String MAX_PENDING_ACTIONS = "gateway.kafka.max-pending-actions";
    /** Bytes of client actions waiting for Kafka's acknowledgement, at most, 1 KiB to 1 GiB. Default 16777216. */
    public static final String MAX_PENDING_BYTES = "gateway.kafka.max-pending-bytes";

    public OutageConfig {
        if (silenceGrace.isNegative() || silenceGrace.isZero() || maxPendingActions < 1 || maxPendingBytes < 1) {
            throw new IllegalArgumentException("outage bounds must be positive");
        }
    }

    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(SILENCE_MS, "5000");
        defaults.put(MAX_PENDING_ACTIONS, "10000");
        defaults.put(MAX_PENDING_BYTES, Long.toString(16L * 1024 * 1024));
        return defaults;
    }

    public static OutageConfig from(Settings settings) {
        return new OutageConfig(
                Duration.ofMillis(settings.longValue(SILENCE_MS, 100, 600_000)),
                settings.integer(MAX_PENDING_ACTIONS, 1, 1_000_000),
                settings.longValue(MAX_PENDING_BYTES, 1024, 1024L * 1024 * 1024));
    }
}
