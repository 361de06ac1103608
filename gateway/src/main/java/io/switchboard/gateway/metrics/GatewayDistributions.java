package io.switchboard.gateway.metrics;

import static io.switchboard.gateway.metrics.GatewayMeterNames.*;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The gateway's timers and distribution summaries with their buckets. Latencies get a percentile histogram (buckets
 * chosen by Micrometer between the expected minimum and maximum, for {@code histogram_quantile}); sizes, counts and
 * connection lifetimes get a few fixed buckets that read well on a dashboard.
 */
final class GatewayDistributions {
    private GatewayDistributions() {}

    static Timer connectionDuration(MeterRegistry registry) {
        return Timer.builder(CONNECTION_DURATION)
                .description("how long connections lived")
                .serviceLevelObjectives(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        Duration.ofHours(1),
                        Duration.ofHours(6),
                        Duration.ofDays(1),
                        Duration.ofDays(7))
                .register(registry);
    }

    static Timer heartbeatRtt(MeterRegistry registry) {
        return latency(HEARTBEAT_RTT, "ping to pong round trip", Duration.ofMillis(1), Duration.ofSeconds(60))
                .register(registry);
    }

    static Timer deliveryLatency(MeterRegistry registry) {
        return latency(
                        DELIVERY_LATENCY,
                        "event time to message frame written",
                        Duration.ofMillis(1),
                        Duration.ofSeconds(60))
                .register(registry);
    }

    static Timer fanOutDuration(MeterRegistry registry) {
        return latency(
                        FANOUT_DURATION,
                        "queueing one record's frame to every local subscriber",
                        Duration.ofNanos(1_000),
                        Duration.ofSeconds(1))
                .register(registry);
    }

    static DistributionSummary messageSize(MeterRegistry registry, String direction) {
        return DistributionSummary.builder(MESSAGE_SIZE)
                .description("frame payload size")
                .baseUnit("bytes")
                .tag("direction", direction)
                .serviceLevelObjectives(64, 256, 1024, 4096, 16384, 65536, 262144, 1048576)
                .register(registry);
    }

    static DistributionSummary channelSubscribers(MeterRegistry registry) {
        return DistributionSummary.builder(CHANNEL_SUBSCRIBERS)
                .description("local subscribers each delivered record was queued to")
                .serviceLevelObjectives(1, 2, 5, 10, 50, 100, 1000, 10000)
                .register(registry);
    }

    static DistributionSummary outboundQueueDepth(MeterRegistry registry) {
        return DistributionSummary.builder(OUTBOUND_QUEUE_DEPTH)
                .description("frames a connection's writer found queued when it took a batch")
                .baseUnit("frames")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 64, 256, 1024)
                .register(registry);
    }

    private static Timer.Builder latency(String name, String description, Duration min, Duration max) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(min)
                .maximumExpectedValue(max);
    }
}
