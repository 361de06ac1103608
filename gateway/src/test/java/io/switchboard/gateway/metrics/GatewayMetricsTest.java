package io.switchboard.gateway.metrics;

import static io.switchboard.gateway.metrics.GatewayMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.protocol.ClientMessage;
import io.switchboard.gateway.protocol.ErrorCode;
import io.switchboard.gateway.protocol.ErrorReply;
import io.switchboard.gateway.protocol.ServerMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);

    @Test
    void countsConnectionsOpenedAndClosedAndKeepsTheActiveGauge() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed(4009, Duration.ofSeconds(90));

        assertThat(registry.get(CONNECTIONS_ACTIVE).gauge().value()).isEqualTo(2);
        assertThat(registry.get(CONNECTIONS_OPENED).counter().count()).isEqualTo(3);
        assertThat(registry.get(CONNECTIONS_CLOSED)
                        .tag("code", "4009")
                        .tag("reason", "slow_consumer")
                        .counter()
                        .count())
                .isEqualTo(1);
        Timer duration = registry.get(CONNECTION_DURATION).timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(90);
    }

    @Test
    void namesEveryCloseCodeItKnowsAndCountsAnyOtherAsOther() {
        metrics.connectionClosed(1006, Duration.ZERO);
        metrics.connectionClosed(4010, Duration.ZERO);
        metrics.connectionClosed(1001, Duration.ZERO);
        metrics.connectionClosed(4321, Duration.ZERO);
        metrics.connectionClosed(3000, Duration.ZERO);

        assertThat(closed("1006", "abnormal")).isEqualTo(1);
        assertThat(closed("4010", "heartbeat_timeout")).isEqualTo(1);
        assertThat(closed("1001", "going_away")).isEqualTo(1);
        assertThat(closed("other", "other")).isEqualTo(2);
        assertThat(closed("4008", "rate_limited"))
                .as("registered before any close")
                .isZero();
    }

    @Test
    void countsReceivedMessagesByTypeAndTheirSize() {
        metrics.messageReceived(new ClientMessage.Subscribe("1", "metrics", Optional.empty()), 40);
        metrics.messageReceived(new ClientMessage.GetReconnectionToken("2"), 45);
        metrics.invalidMessageReceived(15);

        assertThat(received("subscribe")).isEqualTo(1);
        assertThat(received("get_reconnection_token")).isEqualTo(1);
        assertThat(received("invalid")).isEqualTo(1);
        assertThat(received("ping"))
                .as("every client type is registered up front")
                .isZero();
        assertThat(registry.get(MESSAGE_SIZE).tag("direction", "in").summary().totalAmount())
                .isEqualTo(100);
    }

    @Test
    void countsSentMessagesByTypeAndErrorsByCode() {
        metrics.messageSent(new ServerMessage.Pong("1", 5L), 30);
        metrics.messageSent(ErrorReply.of("2", ErrorCode.RATE_LIMITED, "slow down"), 60);
        metrics.messageSent(ErrorReply.of("3", ErrorCode.UNAVAILABLE, "later"), 50);

        assertThat(sent("pong")).isEqualTo(1);
        assertThat(sent("error")).isEqualTo(2);
        assertThat(errors("rate_limited")).isEqualTo(1);
        assertThat(errors("unavailable")).isEqualTo(1);
        assertThat(errors("bad_request")).isZero();
        assertThat(registry.get(MESSAGE_SIZE).tag("direction", "out").summary().count())
                .isEqualTo(3);
    }

    @Test
    void recordsAFanOutOncePerRecordAndItsMessagesOncePerSubscriber() {
        metrics.fannedOut(250, 80_000);
        metrics.deliveryFrameBuilt(512);
        metrics.deliveryFrameBuilt(200);
        metrics.recoveredMessageSent(512);

        assertThat(sent("message")).isEqualTo(251);
        assertThat(registry.get(CHANNEL_SUBSCRIBERS).summary().max()).isEqualTo(250);
        assertThat(registry.get(FANOUT_DURATION).timer().totalTime(TimeUnit.MICROSECONDS))
                .isEqualTo(80);
        assertThat(registry.get(MESSAGE_SIZE).tag("direction", "out").summary().count())
                .isEqualTo(3);
    }

    @Test
    void measuresDeliveryLatencyFromTheEventTimeToTheWrite() {
        clock.add(Duration.ofSeconds(100));
        long eventTime = clock.wallTime() - 42;

        metrics.messageWritten(eventTime);
        metrics.messageWritten(clock.wallTime() + 5_000); // the producer's clock runs ahead

        Timer latency = registry.get(DELIVERY_LATENCY).timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(42);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(42);
    }

    @Test
    void recordsQueueDepthHeartbeatsLimitsResumesRecoveriesAndFailures() {
        metrics.outboundBatchTaken(7);
        metrics.heartbeatAnswered(TimeUnit.MILLISECONDS.toNanos(12));
        metrics.rateLimited("subscribe");
        metrics.rateLimited("subscribe");
        metrics.handshakeRejected(429);
        metrics.resumed();
        metrics.resumeRefused(401);
        metrics.resumeRefused(503);
        metrics.recoveryAnswered(true);
        metrics.recoveryAnswered(false);
        metrics.failure("delivery-invalid");

        assertThat(registry.get(OUTBOUND_QUEUE_DEPTH).summary().max()).isEqualTo(7);
        assertThat(registry.get(HEARTBEAT_RTT).timer().max(TimeUnit.MILLISECONDS))
                .isEqualTo(12);
        assertThat(count(RATE_LIMITED, "limit", "subscribe")).isEqualTo(2);
        assertThat(count(HANDSHAKES_REJECTED, "status", "429")).isEqualTo(1);
        assertThat(count(RESUMES, "outcome", "resumed")).isEqualTo(1);
        assertThat(count(RESUMES, "outcome", "refused")).isEqualTo(1);
        assertThat(count(RESUMES, "outcome", "unavailable")).isEqualTo(1);
        assertThat(count(RECOVERIES, "outcome", "recovered")).isEqualTo(1);
        assertThat(count(RECOVERIES, "outcome", "not_recovered")).isEqualTo(1);
        assertThat(count(FAILURES, "key", "delivery-invalid")).isEqualTo(1);
    }

    @Test
    void readsTheSubscriptionGaugesFromTheirSuppliers() {
        AtomicInteger subscriptions = new AtomicInteger(12);
        AtomicInteger channels = new AtomicInteger(3);
        metrics.bindSubscriptions(subscriptions::get, channels::get);

        subscriptions.set(20);
        channels.set(4);

        assertThat(registry.get(SUBSCRIPTIONS).gauge().value()).isEqualTo(20);
        assertThat(registry.get(CHANNELS).gauge().value()).isEqualTo(4);
    }

    @Test
    void capsTheTagValuesOfACounterFamily() {
        for (int i = 0; i < TaggedCounters.MAX_VALUES + 10; i++) {
            metrics.failure("key-" + i);
        }

        assertThat(registry.get(FAILURES).counters()).hasSizeLessThanOrEqualTo(TaggedCounters.MAX_VALUES + 1);
        assertThat(count(FAILURES, "key", "other")).isEqualTo(10);
    }

    @Test
    void aNoopInstanceTakesEveryEvent() {
        GatewayMetrics noop = GatewayMetrics.noop();

        noop.connectionOpened();
        noop.fannedOut(3, 1);
        noop.messageWritten(0);
        noop.connectionClosed(1000, Duration.ofSeconds(1));

        assertThat(registry.find(CONNECTIONS_OPENED).counter().count()).isZero();
    }

    private double closed(String code, String reason) {
        return registry.get(CONNECTIONS_CLOSED)
                .tag("code", code)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private double received(String type) {
        return count(MESSAGES_RECEIVED, "type", type);
    }

    private double sent(String type) {
        return count(MESSAGES_SENT, "type", type);
    }

    private double errors(String code) {
        return count(ERRORS, "code", code);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }
}
