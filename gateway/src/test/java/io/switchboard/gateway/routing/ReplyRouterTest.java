package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.routing.Fakes.FakeSession;
import io.switchboard.gateway.routing.Fakes.RecordingSubscriptions;
import io.switchboard.gateway.session.SessionRegistry;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resumed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRouterTest {
    private final SessionRegistry sessions = new SessionRegistry();
    private final RecordingSubscriptions subscriptions = new RecordingSubscriptions();
    private final Fakes.RecordingSink sink = new Fakes.RecordingSink();
    private final PendingResumes resumes = new PendingResumes(
            new ProcessorOutbox(new ClientActions("gw-1", java.time.Clock.systemUTC()), sink),
            new Fakes.ManualTimer(),
            java.time.Duration.ofSeconds(10),
            false,
            java.time.Clock.systemUTC(),
            java.time.Duration.ZERO);
    private final ReplyRouter router = new ReplyRouter(sessions, subscriptions, resumes);
    private final FakeSession client = new FakeSession();

    ReplyRouterTest() {
        sessions.add(client.session);
    }

    @Test
    void activatesAGrantedChannelThenSaysSubscribed() {
        router.route(reply("s1", new Granted("metrics", null)));

        assertThat(subscriptions.calls).containsExactly("activate metrics");
        assertThat(client.frames())
                .containsExactly("{\"type\":\"subscribed\",\"id\":\"s1\",\"channel\":\"metrics\","
                        + "\"position\":{\"offset\":41,\"epoch\":\"T:0\"}}");
    }

    @Test
    void activatesWithTheGrantsSinceAndSaysWhetherItIsRecovered() {
        router.route(reply("s1", new Granted("metrics", new Position(3L, "T:0"))));

        assertThat(subscriptions.calls).containsExactly("activate metrics since 3@T:0");
        assertThat(client.frames())
                .containsExactly("{\"type\":\"subscribed\",\"id\":\"s1\",\"channel\":\"metrics\","
                        + "\"position\":{\"offset\":41,\"epoch\":\"T:0\"},\"recovered\":true}");
        assertThat(client.session.epochOf("metrics")).contains("T:0");
    }

    @Test
    void passesAnInboxReadsEmptyEpochOn() {
        router.route(reply("s1", new Granted("user:alice", new Position(-1L, ""))));

        assertThat(subscriptions.calls).containsExactly("activate user:alice since -1@");
    }

    @Test
    void reportsAChannelThatCannotBeReadAsUnavailable() {
        subscriptions.failure = "channel family 'nope' has no output topic";

        router.route(reply("s1", new Granted("nope", null)));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"error\",\"id\":\"s1\",\"code\":\"unavailable\","
                        + "\"message\":\"channel family 'nope' has no output topic\",\"channel\":\"nope\"}");
    }

    @Test
    void relaysARefusalWithItsCode() {
        router.route(reply("s2", new Refused("signals", "permission_denied", "not for anonymous")));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"error\",\"id\":\"s2\",\"code\":\"permission_denied\","
                        + "\"message\":\"not for anonymous\",\"channel\":\"signals\"}");
        assertThat(subscriptions.calls).isEmpty();
    }

    @Test
    void reportsAnUnknownRefusalCodeAsInternal() {
        router.route(reply("s2", new Refused("signals", "made_up", "?")));

        assertThat(client.frames()).singleElement().asString().contains("\"code\":\"internal\"");
    }

    @Test
    void relaysAPresenceAnswerAsOnePresenceFrame() {
        router.route(reply(
                "q1",
                new PresenceAnswer(
                        "forum_threads:42",
                        List.of(new PresenceMember("alice", 2), new PresenceMember("bob", 1)),
                        7,
                        3,
                        "bob")));
        router.route(reply("q2", new PresenceAnswer("forum_threads:42", List.of(), 0, 0, null)));

        assertThat(client.frames())
                .containsExactly(
                        "{\"type\":\"presence\",\"id\":\"q1\",\"channel\":\"forum_threads:42\",\"members\":["
                                + "{\"user_id\":\"alice\",\"connections\":2},{\"user_id\":\"bob\",\"connections\":1}],"
                                + "\"count\":7,\"anonymous\":3,\"next\":\"bob\"}",
                        "{\"type\":\"presence\",\"id\":\"q2\",\"channel\":\"forum_threads:42\",\"members\":[],"
                                + "\"count\":0}");
        assertThat(subscriptions.calls).isEmpty();
    }

    @Test
    void relaysTheProcessorsRefusalOfAPresenceQueryWithItsMessage() {
        router.route(
                reply("q1", new Refused("metrics", "bad_request", "presence is not enabled for the family 'metrics'")));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"error\",\"id\":\"q1\",\"code\":\"bad_request\","
                        + "\"message\":\"presence is not enabled for the family 'metrics'\",\"channel\":\"metrics\"}");
    }

    @Test
    void stopsDeliveryThenSaysUnsubscribedOnEnded() {
        router.route(reply("u1", new Ended("metrics", "client")));

        assertThat(subscriptions.calls).containsExactly("deactivate metrics");
        assertThat(client.frames())
                .containsExactly(
                        "{\"type\":\"unsubscribed\",\"id\":\"u1\",\"channel\":\"metrics\",\"reason\":\"client\"}");
    }

    @Test
    void relaysPublishedWithTheMessagesEventId() {
        router.route(reply("p1", new Published("forum_global", 58L, "evt-9")));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"published\",\"id\":\"p1\",\"channel\":\"forum_global\",\"offset\":58,"
                        + "\"event_id\":\"evt-9\"}");
    }

    @Test
    void relaysPublishedOfAProcessorBeforeEventIdsWithoutOne() {
        router.route(reply("p1", new Published("forum_global", 58L, null)));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"published\",\"id\":\"p1\",\"channel\":\"forum_global\",\"offset\":58}");
    }

    @Test
    void relaysAReconnectionTokenWithItsExpiry() {
        router.route(reply("t1", new ReconnectionToken("tok", Instant.ofEpochMilli(1763800300123L))));

        assertThat(client.frames())
                .containsExactly("{\"type\":\"reconnection_token\",\"id\":\"t1\",\"token\":\"tok\","
                        + "\"expires_at\":1763800300123}");
    }

    @Test
    void handsTheAnswerToAResumeToItsWaitingHandshake() {
        List<ResumeOutcome> outcomes = new ArrayList<>();
        resumes.start("c-resuming", "a".repeat(64), outcomes::add);

        router.route(new Reply(
                "c-resuming",
                null,
                Instant.now(),
                new Resumed(
                        "alice", List.of("viewer"), null, List.of(new ChannelPosition("metrics", 4L, "T:0", false)))));

        assertThat(outcomes)
                .singleElement()
                .isInstanceOfSatisfying(ResumeOutcome.Restored.class, restored -> assertThat(restored.channels())
                        .containsExactly(new ResumeOutcome.Channel(
                                "metrics", new io.switchboard.gateway.protocol.Position(4, "T:0"), false)));
        assertThat(resumes.size()).isZero();
        assertThat(client.frames()).isEmpty();
    }

    @Test
    void ignoresRepliesForConnectionsNoLongerHere() {
        sessions.remove(client.session);

        router.route(reply("s1", new Granted("metrics", null)));

        assertThat(subscriptions.calls).isEmpty();
        assertThat(client.frames()).isEmpty();
    }

    private static Reply reply(String requestId, Object body) {
        return new Reply("c-test", requestId, Instant.now(), body);
    }
}
