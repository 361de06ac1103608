package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.gateway.config.LimitsConfig.Abuse;
import io.switchboard.gateway.config.LimitsConfig.MessageRates;
import io.switchboard.gateway.config.LimitsConfig.Rate;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.routing.Fakes.FakeSession;
import io.switchboard.gateway.routing.Fakes.RecordingSink;
import io.switchboard.gateway.routing.Fakes.RecordingSubscriptions;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limits as the handler applies them: before a message is handled, text or binary. */
class ClientFrameHandlerLimitsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1763800000123L), ZoneOffset.UTC);
    private static final Rate ONE = new Rate(1, 1);
    private static final Rate UNLIMITED = new Rate(0, 1);

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final RecordingSink sink = new RecordingSink();
    private final FakeSession client = new FakeSession(new Identity("alice", List.of("viewer")));

    @Test
    void refusesAMessageBeyondItsBucketWithRateLimitedAndForwardsNothing() {
        ClientFrameHandler handler = handler(new MessageRates(UNLIMITED, ONE, UNLIMITED, UNLIMITED, UNLIMITED), 10);

        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"metrics\"}");
        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s2\",\"channel\":\"status\"}");
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s3\",\"channel\":\"status\"}");
        handler.onText(client.session, "{\"type\":\"ping\",\"id\":\"p\"}");

        assertThat(sink.actions)
                .extracting(action -> action.getAction())
                .containsExactly(new Subscribe("metrics", null));
        assertThat(client.frames())
                .containsExactly(
                        "{\"type\":\"error\",\"id\":\"s2\",\"code\":\"rate_limited\","
                                + "\"message\":\"too many messages; retry after 1000 ms\",\"retry_after_ms\":1000}",
                        "{\"type\":\"error\",\"id\":\"s3\",\"code\":\"rate_limited\","
                                + "\"message\":\"too many messages; retry after 750 ms\",\"retry_after_ms\":750}",
                        "{\"type\":\"pong\",\"id\":\"p\",\"server_time\":1763800000123}");
        assertThat(client.closes()).isEmpty();
    }

    @Test
    void closesWith4008OnceRefusedMoreThanMaxRefusedTimes() {
        ClientFrameHandler handler = handler(new MessageRates(ONE, ONE, ONE, ONE, ONE), 2);

        for (int i = 0; i < 3; i++) {
            handler.onText(client.session, "{\"type\":\"ping\"}");
        }
        assertThat(client.closes()).isEmpty();
        handler.onText(client.session, "{\"type\":\"ping\"}");
        handler.onText(client.session, "{\"type\":\"publish\",\"channel\":\"metrics\",\"data\":1}");

        assertThat(client.closes()).contains(CloseReason.RATE_LIMITED);
        assertThat(sink.actions)
                .as("nothing of a closing connection is forwarded")
                .isEmpty();
    }

    @Test
    void anUnreadableFrameDrawsFromTheBucketOfOtherMessages() {
        ClientFrameHandler handler = handler(new MessageRates(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, ONE), 10);

        handler.onText(client.session, "not json");
        handler.onText(client.session, "not json either");

        assertThat(client.frames()).hasSize(2);
        assertThat(client.frames().get(0)).contains("\"code\":\"bad_request\"");
        assertThat(client.frames().get(1)).contains("\"code\":\"rate_limited\"");
    }

    @Test
    void aBinaryFrameDrawsFromTheBucketOfOtherMessagesBeforeItIsRead() {
        ClientFrameHandler handler = handler(new MessageRates(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, ONE), 10);

        handler.onBinary(client.session, new byte[] {1, 2, 3}, 65536);
        handler.onBinary(client.session, new byte[] {4, 5, 6}, 65536);
        handler.onText(client.session, "{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"metrics\",\"data\":1}");

        List<String> frames = client.frames();
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).contains("\"code\":\"bad_request\"");
        assertThat(frames.get(1)).contains("\"code\":\"rate_limited\"").doesNotContain("\"id\"");
        assertThat(frames.get(2)).contains("\"id\":\"p\",\"code\":\"rate_limited\"");
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void withoutLimitsEveryMessageIsHandled() {
        ClientFrameHandler handler = new ClientFrameHandler(
                new ProcessorOutbox(new ClientActions("gw-1", CLOCK), sink),
                new RecordingSubscriptions(),
                Fakes.verifier(Map.of()),
                CLOCK,
                Duration.ofSeconds(25),
                MessageLimits.none(),
                GatewayMetrics.noop());

        for (int i = 0; i < 500; i++) {
            handler.onText(client.session, "{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
        }

        assertThat(sink.actions).hasSize(500);
    }

    private ClientFrameHandler handler(MessageRates rates, int maxRefused) {
        LimitsConfig config =
                LimitsConfig.defaultLimits().withMessages(rates, new Abuse(maxRefused, Duration.ofSeconds(10)));
        return new ClientFrameHandler(
                new ProcessorOutbox(new ClientActions("gw-1", CLOCK), sink),
                new RecordingSubscriptions(),
                Fakes.verifier(Map.of()),
                CLOCK,
                Duration.ofSeconds(25),
                new MessageLimits(config, ticker),
                GatewayMetrics.noop());
    }
}
