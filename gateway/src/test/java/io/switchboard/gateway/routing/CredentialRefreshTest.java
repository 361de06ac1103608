package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.auth.VerifiedToken;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.routing.Fakes.FakeSession;
import io.switchboard.gateway.routing.Fakes.RecordingSink;
import io.switchboard.gateway.routing.Fakes.RecordingSubscriptions;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code refresh} through the frame handler, with a verifier that knows a few tokens. */
class CredentialRefreshTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    private final RecordingSink sink = new RecordingSink();
    private final ClientFrameHandler handler = new ClientFrameHandler(
            new ProcessorOutbox(new ClientActions("gw-1", CLOCK), sink),
            new RecordingSubscriptions(),
            Fakes.verifier(Map.of(
                    "alice-admin", new VerifiedToken(new Identity("alice", List.of("admin")), LATER),
                    "bob", new VerifiedToken(new Identity("bob", List.of("admin")), LATER))),
            CLOCK,
            Duration.ofSeconds(25),
            MessageLimits.none(),
            GatewayMetrics.noop());
    private final FakeSession alice = new FakeSession(new Identity("alice", List.of("viewer")));

    @Test
    void replacesRolesAndExpiryAnswersRefreshedAndTellsTheProcessor() {
        alice.session.watchExpiry(NOW.plusSeconds(60), CLOCK, Duration.ofSeconds(30));

        handler.onText(alice.session, "{\"type\":\"refresh\",\"id\":\"r1\",\"token\":\"alice-admin\"}");

        assertThat(alice.frames())
                .containsExactly("{\"type\":\"refreshed\",\"id\":\"r1\",\"expires_at\":" + LATER.toEpochMilli() + "}");
        assertThat(alice.session.identity()).isEqualTo(new Identity("alice", List.of("admin")));
        assertThat(alice.session.credentialsExpireAt()).contains(LATER);
        assertThat(alice.transport.scheduledDelay).isEqualTo(Duration.between(NOW, LATER.plusSeconds(30)));
        ClientAction action = sink.actions.get(0);
        assertThat(action.getAction()).isEqualTo(new CredentialsRefreshed(LATER));
        assertThat(action.getRoles()).containsExactly("admin");
        assertThat(action.getUserId()).isEqualTo("alice");
        assertThat(action.getRequestId()).isEqualTo("r1");
        assertThat(alice.transport.blockingTasks)
                .as("verified off the I/O thread")
                .isEqualTo(1);
    }

    @Test
    void refusesATokenOfAnotherUserAsTokenInvalid() {
        handler.onText(alice.session, "{\"type\":\"refresh\",\"id\":\"r2\",\"token\":\"bob\"}");

        assertThat(alice.frames())
                .singleElement()
                .asString()
                .contains("\"code\":\"token_invalid\"")
                .contains("\"id\":\"r2\"");
        assertThat(alice.session.identity().roles()).containsExactly("viewer");
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void refusesAnInvalidOrExpiredTokenAsTokenInvalidWithoutEchoingIt() {
        handler.onText(alice.session, "{\"type\":\"refresh\",\"id\":\"r3\",\"token\":\"forged-token-value\"}");

        assertThat(alice.frames())
                .singleElement()
                .asString()
                .contains("\"code\":\"token_invalid\"")
                .doesNotContain("forged-token-value");
        assertThat(alice.closes()).isEmpty();
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void refusesARefreshOnAnAnonymousConnectionAsUnauthorized() {
        FakeSession anonymous = new FakeSession();

        handler.onText(anonymous.session, "{\"type\":\"refresh\",\"id\":\"r4\",\"token\":\"alice-admin\"}");

        assertThat(anonymous.frames())
                .singleElement()
                .asString()
                .contains("\"code\":\"unauthorized\"")
                .contains("\"id\":\"r4\"");
        assertThat(anonymous.session.identity().isAnonymous()).isTrue();
        assertThat(anonymous.transport.blockingTasks).isZero();
    }
}
