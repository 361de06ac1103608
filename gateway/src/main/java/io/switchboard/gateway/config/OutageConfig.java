package io.switchboard.gateway.config;

import io.switchboard.config.Settings;
import java.time.Duration;

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
    // Key names; each is documented in GatewayKeys.
    public static final String SILENCE_MS = "gateway.kafka.unreachable-after-ms";
    static final String MAX_PENDING_ACTIONS = "gateway.kafka.max-pending-actions";
    static final String MAX_PENDING_BYTES = "gateway.kafka.max-pending-bytes";

    public OutageConfig {
        if (silenceGrace.isNegative() || silenceGrace.isZero() || maxPendingActions < 1 || maxPendingBytes < 1) {
            throw new IllegalArgumentException("outage bounds must be positive");
        }
    }

    static OutageConfig from(Settings settings) {
        return new OutageConfig(
                Duration.ofMillis(GatewayKeys.TABLE.longValue(settings, SILENCE_MS)),
                GatewayKeys.TABLE.intValue(settings, MAX_PENDING_ACTIONS),
                GatewayKeys.TABLE.longValue(settings, MAX_PENDING_BYTES));
    }
}
