package io.switchboard.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.switchboard.gateway.protocol.ErrorCode;
import io.switchboard.gateway.protocol.ErrorReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionsSummaryTest {
    private static final Instant STARTED = Instant.parse("2026-11-23T15:00:00Z");

    // the deployables' registry: Prometheus, cumulative histograms
    private final MockClock meterClock = new MockClock();
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), meterClock);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private Instant now = STARTED.plusSeconds(5);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void reportsTheGaugesNowAndWhatTheCountersCountedSinceThePreviousSummary() {
        ConnectionsSummary summary = new ConnectionsSummary(registry, "gateway-1", clock, STARTED);
        metrics.bindSubscriptions(() -> 7, () -> 3);
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed(1000, Duration.ofSeconds(1));
        metrics.connectionClosed(4008, Duration.ofSeconds(1));
        metrics.invalidMessageReceived(12);
        metrics.messageSent(ErrorReply.of("a", ErrorCode.RATE_LIMITED, "slow down"), 40);
        metrics.rateLimited("subscribe");
        metrics.resumed();
        now = now.plusSeconds(10);

        ObjectNode first = summary.next(ConnectionsSummary.State.SERVING, true);

        assertThat(first.get("gateway_id").asText()).isEqualTo("gateway-1");
        assertThat(first.get("state").asText()).isEqualTo("serving");
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("at").asText()).isEqualTo("2026-11-23T15:00:15Z");
        assertThat(first.get("interval_ms").asLong()).isEqualTo(10_000);
        assertThat(first.get("uptime_ms").asLong()).isEqualTo(15_000);
        assertThat(first.get("ready").asBoolean()).isTrue();
        assertThat(first.get("connections_active").asLong()).isEqualTo(1);
        assertThat(first.get("subscriptions").asLong()).isEqualTo(7);
        assertThat(first.get("channels").asLong()).isEqualTo(3);
        assertThat(first.get("connections_opened").asLong()).isEqualTo(3);
        assertThat(first.get("connections_closed").toString()).isEqualTo("{\"1000\":1,\"4008\":1}");
        assertThat(first.get("messages_received").asLong()).isEqualTo(1);
        assertThat(first.get("messages_sent").asLong()).isEqualTo(1);
        assertThat(first.get("errors").toString()).isEqualTo("{\"rate_limited\":1}");
        assertThat(first.get("rate_limited").asLong()).isEqualTo(1);
        assertThat(first.get("resumes").toString()).isEqualTo("{\"resumed\":1}");
        assertThat(first.has("delivery_latency_ms")).as("no delivery yet").isFalse();

        metrics.connectionOpened();
        now = now.plusSeconds(10);
        ObjectNode second = summary.next(ConnectionsSummary.State.DRAINING, false);

        assertThat(second.get("sequence").asLong()).isEqualTo(2);
        assertThat(second.get("state").asText()).isEqualTo("draining");
        assertThat(second.get("ready").asBoolean()).isFalse();
        assertThat(second.get("connections_active").asLong()).isEqualTo(2);
        assertThat(second.get("connections_opened").asLong()).isEqualTo(1);
        assertThat(second.get("connections_closed").size()).isZero();
        assertThat(second.get("messages_sent").asLong()).isZero();
        assertThat(second.get("errors").size()).isZero();
        assertThat(second.get("resumes").size()).isZero();
    }

    @Test
    void countsWhatHappenedBeforeItStartedNowhere() {
        metrics.connectionOpened();
        metrics.rateLimited("ping");
        ConnectionsSummary summary = new ConnectionsSummary(registry, "gateway-1", clock, STARTED);

        ObjectNode first = summary.next(ConnectionsSummary.State.SERVING, true);

        assertThat(first.get("connections_opened").asLong()).isZero();
        assertThat(first.get("rate_limited").asLong()).isZero();
        assertThat(first.get("connections_active").asLong()).isEqualTo(1);
    }

    @Test
    void givesTheDeliveryLatencyOfTheIntervalWithPercentilesThatNeverReadLow() {
        ConnectionsSummary summary = new ConnectionsSummary(registry, "gateway-1", clock, STARTED);
        long eventTime = meterClock.wallTime();
        meterClock.add(2_000, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 99; i++) {
            metrics.messageWritten(eventTime + 1_995); // 5 ms
        }
        metrics.messageWritten(eventTime); // 2 s

        JsonNode first = summary.next(ConnectionsSummary.State.SERVING, true).get("delivery_latency_ms");

        assertThat(first.get("count").asLong()).isEqualTo(100);
        assertThat(first.get("mean").asDouble()).isEqualTo((99 * 5 + 2_000) / 100.0);
        assertThat(first.get("p50").asDouble()).isBetween(5.0, 6.0);
        assertThat(first.get("p99").asDouble()).isBetween(5.0, 6.0);

        for (int i = 0; i < 10; i++) {
            metrics.messageWritten(eventTime); // 2 s each: the earlier 5 ms ones must not count again
        }
        JsonNode second = summary.next(ConnectionsSummary.State.SERVING, true).get("delivery_latency_ms");

        assertThat(second.get("count").asLong()).isEqualTo(10);
        assertThat(second.get("mean").asDouble()).isEqualTo(2_000.0);
        assertThat(second.get("p50").asDouble()).isBetween(2_000.0, 2_400.0);
        assertThat(summary.next(ConnectionsSummary.State.SERVING, true).has("delivery_latency_ms"))
                .isFalse();
    }
}
