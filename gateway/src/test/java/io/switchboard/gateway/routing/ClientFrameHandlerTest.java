package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.BinaryFrames;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.routing.Fakes.FakeSession;
import io.switchboard.gateway.routing.Fakes.RecordingSink;
import io.switchboard.gateway.routing.Fakes.RecordingSubscriptions;
import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFrameHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1763800000123L), ZoneOffset.UTC);

    private final RecordingSink sink = new RecordingSink();
    private final RecordingSubscriptions subscriptions = new RecordingSubscriptions();
    private final ClientFrameHandler handler = new ClientFrameHandler(
            new ProcessorOutbox(new ClientActions("gw-1", CLOCK), sink),
            subscriptions,
            Fakes.verifier(java.util.Map.of()),
            CLOCK,
            Duration.ofSeconds(25),
            MessageLimits.none(),
            GatewayMetrics.noop());
    private final FakeSession client = new FakeSession();

    @Test
    void welcomesFirstAndForwardsAConnect() {
        handler.onOpen(client.session);

        assertThat(client.frames())
                .containsExactly("{\"type\":\"welcome\",\"connection_id\":\"c-test\",\"user_id\":null,"
                        + "\"roles\":[\"anonymous\"],\"heartbeat_ms\":25000,\"resumed\":false}");
        ClientAction connect = sink.actions.get(0);
        assertThat(connect.getAction()).isEqualTo(new Connect(java.util.List.of("gzip"), null));
        assertThat(connect.getGatewayId()).isEqualTo("gw-1");
        assertThat(connect.getConnectionId()).isEqualTo("c-test");
        assertThat(connect.getUserId()).isNull();
        assertThat(connect.getRoles()).containsExactly("anonymous");
        assertThat(connect.getTime()).isEqualTo(CLOCK.instant());
    }

    @Test
    void forwardsASubscribeWithItsIdAndDeliversNothingYet() {
        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"metrics\"}");

        ClientAction action = sink.actions.get(0);
        assertThat(action.getRequestId()).isEqualTo("s1");
        assertThat(action.getAction()).isEqualTo(new Subscribe("metrics", null));
        assertThat(subscriptions.calls)
                .as("only the processor's grant activates")
                .isEmpty();
        assertThat(client.frames()).isEmpty();
    }

    @Test
    void forwardsAPresenceQueryWithItsAfterAndAnswersNothingItself() {
        handler.onText(client.session, "{\"type\":\"presence\",\"id\":\"q1\",\"channel\":\"forum_threads:42\"}");
        handler.onText(
                client.session,
                "{\"type\":\"presence\",\"id\":\"q2\",\"channel\":\"forum_threads:42\",\"after\":\"alice\"}");

        assertThat(sink.actions)
                .extracting(ClientAction::getRequestId, ClientAction::getAction)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("q1", new PresenceQuery("forum_threads:42", null)),
                        org.assertj.core.groups.Tuple.tuple("q2", new PresenceQuery("forum_threads:42", "alice")));
        assertThat(client.frames()).as("the processor answers").isEmpty();
    }

    @Test
    void keepsWhatTheLatestSubscribeOfAChannelSaidAboutPresenceUntilItsUnsubscribe() {
        handler.onText(client.session, "{\"type\":\"subscribe\",\"channel\":\"chat_rooms:1\",\"presence\":true}");
        handler.onText(client.session, "{\"type\":\"subscribe\",\"channel\":\"chat_rooms:2\"}");

        assertThat(client.session.wantsPresence("chat_rooms:1")).isTrue();
        assertThat(client.session.wantsPresence("chat_rooms:2")).isFalse();
        assertThat(sink.actions.get(0).getAction())
                .as("the processor needs no flag: it keeps presence for every subscriber")
                .isEqualTo(new Subscribe("chat_rooms:1", null));

        handler.onText(client.session, "{\"type\":\"subscribe\",\"channel\":\"chat_rooms:1\"}");
        assertThat(client.session.wantsPresence("chat_rooms:1")).isFalse();

        handler.onText(client.session, "{\"type\":\"subscribe\",\"channel\":\"chat_rooms:1\",\"presence\":true}");
        handler.onText(client.session, "{\"type\":\"unsubscribe\",\"channel\":\"chat_rooms:1\"}");
        assertThat(client.session.wantsPresence("chat_rooms:1")).isFalse();
    }

    @Test
    void stopsDeliveryAtOnceOnUnsubscribeAndForwardsIt() {
        handler.onText(client.session, "{\"type\":\"unsubscribe\",\"id\":\"u1\",\"channel\":\"metrics\"}");

        assertThat(subscriptions.calls).containsExactly("deactivate metrics");
        assertThat(sink.actions.get(0).getAction()).isEqualTo(new Unsubscribe("metrics"));
        assertThat(client.frames())
                .as("unsubscribed waits for the processor's Ended")
                .isEmpty();
    }

    @Test
    void forwardsAPublishAsJsonPayload() {
        handler.onText(
                client.session,
                "{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"forum_global\",\"event\":\"e\",\"data\":{\"a\":1}}");

        Publish publish = (Publish) sink.actions.get(0).getAction();
        assertThat(publish.getChannel()).isEqualTo("forum_global");
        assertThat(publish.getEvent()).isEqualTo("e");
        assertThat(StandardCharsets.UTF_8.decode(publish.getPayload().getData()).toString())
                .isEqualTo("{\"a\":1}");
        assertThat(publish.getReceipts()).isFalse();
    }

    @Test
    void forwardsThePublishersAskForReceipts() {
        handler.onText(
                client.session,
                "{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"forum_global\",\"data\":1,\"receipts\":true}");

        assertThat(((Publish) sink.actions.get(0).getAction()).getReceipts()).isTrue();
    }

    @Test
    void answersPingLocally() {
        handler.onText(client.session, "{\"type\":\"ping\",\"id\":\"p1\"}");

        assertThat(client.frames()).containsExactly("{\"type\":\"pong\",\"id\":\"p1\",\"server_time\":1763800000123}");
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void answersUnavailableWhenTheBackboneRefusesTheAction() {
        sink.failing = true;

        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"metrics\"}");

        assertThat(client.frames())
                .singleElement()
                .asString()
                .contains("\"code\":\"unavailable\"")
                .contains("\"id\":\"s1\"")
                .contains("\"channel\":\"metrics\"");
    }

    @Test
    void asksForAReconnectionTokenWithTheDeliveredPositionsAndTheCredentialsExpiry() {
        FakeSession alice = new FakeSession(new Identity("alice", List.of("viewer")));
        Instant expires = Instant.parse("2026-11-20T11:00:00Z");
        alice.session.watchExpiry(expires, Clock.fixed(expires.minusSeconds(600), ZoneOffset.UTC), Duration.ZERO);
        alice.session.sendSubscribed(
                new ServerMessage.Subscribed("s", "metrics", new Position(41, "T:0"), null), new Position(41, "T:0"));
        alice.session.sendSubscribed(
                new ServerMessage.Subscribed("s", "forum:1", new Position(9, "F:2"), null), new Position(7, "F:2"));
        alice.frames();
        alice.frames(); // the batch before is now written

        handler.onText(alice.session, "{\"type\":\"get_reconnection_token\",\"id\":\"t\"}");

        ClientAction action = sink.actions.get(0);
        assertThat(action.getRequestId()).isEqualTo("t");
        assertThat(action.getAction())
                .isEqualTo(new IssueReconnectionToken(
                        List.of(
                                new ChannelPosition("forum:1", 7L, "F:2", false),
                                new ChannelPosition("metrics", 41L, "T:0", false)),
                        expires));
        assertThat(alice.frames())
                .as("the reply is the processor's: only the two subscribed frames")
                .hasSize(2);
    }

    @Test
    void asksForAnAnonymousConnectionsTokenWithoutAnExpiry() {
        handler.onText(client.session, "{\"type\":\"get_reconnection_token\"}");

        assertThat(sink.actions.get(0).getAction()).isEqualTo(new IssueReconnectionToken(List.of(), null));
    }

    @Test
    void welcomesAResumedConnectionThenConnectsFromItsPersonalPositionThenSubscribesTheRestSince() {
        FakeSession alice = new FakeSession(new Identity("alice", List.of("viewer")));

        handler.onResumed(
                alice.session,
                List.of(
                        new ResumeOutcome.Channel("forum_threads:42", new Position(57, "F:0"), true),
                        new ResumeOutcome.Channel("user:alice", new Position(3, "U:1"), false),
                        new ResumeOutcome.Channel("metrics", new Position(9, "M:0"), false)));

        assertThat(alice.frames())
                .containsExactly("{\"type\":\"welcome\",\"connection_id\":\"c-test\",\"user_id\":\"alice\","
                        + "\"roles\":[\"viewer\"],\"heartbeat_ms\":25000,\"resumed\":true}");
        assertThat(sink.actions)
                .extracting(ClientAction::getAction)
                .containsExactly(
                        new Connect(List.of("gzip"), new io.switchboard.schemas.avro.Position(3L, "U:1")),
                        new Subscribe("forum_threads:42", new io.switchboard.schemas.avro.Position(57L, "F:0")),
                        new Subscribe("metrics", new io.switchboard.schemas.avro.Position(9L, "M:0")));
        assertThat(sink.actions).extracting(ClientAction::getRequestId).containsOnlyNulls();
        assertThat(sink.actions).extracting(ClientAction::getUserId).containsOnly("alice");
        assertThat(subscriptions.calls)
                .as("only the processor's grants activate")
                .isEmpty();
        assertThat(alice.session.wantsPresence("forum_threads:42"))
                .as("the old connection's wish for joins and leaves")
                .isTrue();
        assertThat(alice.session.wantsPresence("metrics")).isFalse();
    }

    @Test
    void reportsWhichDeliveredChannelsTheClientWantedThePresenceOfSoAResumeRestoresIt() {
        FakeSession alice = new FakeSession(new Identity("alice", List.of("viewer")));
        handler.onText(alice.session, "{\"type\":\"subscribe\",\"channel\":\"forum_threads:42\",\"presence\":true}");
        handler.onText(alice.session, "{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
        alice.session.sendSubscribed(
                new ServerMessage.Subscribed(null, "forum_threads:42", new Position(57, "F:0"), null),
                new Position(57, "F:0"));
        alice.session.sendSubscribed(
                new ServerMessage.Subscribed(null, "metrics", new Position(9, "M:0"), null), new Position(9, "M:0"));
        alice.frames();
        alice.frames(); // the batch before is now written

        handler.onText(alice.session, "{\"type\":\"get_reconnection_token\",\"id\":\"t\"}");
        handler.onClosed(alice.session, 1006);

        List<ChannelPosition> delivered = List.of(
                new ChannelPosition("forum_threads:42", 57L, "F:0", true),
                new ChannelPosition("metrics", 9L, "M:0", false));
        assertThat(sink.actions.get(2).getAction())
                .isInstanceOfSatisfying(IssueReconnectionToken.class, issue -> assertThat(issue.getDelivered())
                        .isEqualTo(delivered));
        assertThat(sink.actions.get(3).getAction()).isEqualTo(new Disconnect(1006, delivered));
    }

    @Test
    void connectsAResumedConnectionWithoutAPersonalPositionFromTheCursor() {
        handler.onResumed(client.session, List.of(new ResumeOutcome.Channel("user:x", new Position(3, "U:1"), false)));

        assertThat(sink.actions)
                .extracting(ClientAction::getAction)
                .as("an anonymous connection has no personal channel: user:x is subscribed like any other")
                .containsExactly(
                        new Connect(List.of("gzip"), null),
                        new Subscribe("user:x", new io.switchboard.schemas.avro.Position(3L, "U:1")));
    }

    @Test
    void forwardsAnAckWithTheEpochOfTheChannelsActivationAndAnswersNothing() {
        client.session.sendSubscribed(
                new ServerMessage.Subscribed("s", "user:a", new Position(6, "T:1"), null), new Position(6, "T:1"));
        client.frames();

        handler.onText(client.session, "{\"type\":\"ack\",\"id\":\"a1\",\"channel\":\"user:a\",\"offset\":7}");
        handler.onText(client.session, "{\"type\":\"ack\",\"channel\":\"forum_global\",\"offset\":3}");

        assertThat(sink.actions)
                .extracting(ClientAction::getAction)
                .containsExactly(new Ack("user:a", 7L, "T:1"), new Ack("forum_global", 3L, null));
        assertThat(sink.actions.get(0).getRequestId()).isEqualTo("a1");
        assertThat(client.frames())
                .as("ack has no reply: only the subscribed frame was sent")
                .singleElement()
                .asString()
                .contains("\"subscribed\"");
    }

    @Test
    void answersABadAckWithBadRequestAndForwardsNothing() {
        handler.onText(client.session, "{\"type\":\"ack\",\"id\":\"a\",\"channel\":\"user:a\",\"offset\":-1}");
        handler.onText(client.session, "{\"type\":\"ack\",\"id\":\"b\",\"channel\":\"Bad Name\",\"offset\":1}");

        assertThat(client.frames())
                .satisfiesExactly(
                        f -> assertThat(f).contains("\"code\":\"bad_request\"").contains("\"id\":\"a\""),
                        f -> assertThat(f).contains("\"code\":\"bad_request\"").contains("\"id\":\"b\""));
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void answersBadFramesWithoutClosing() {
        handler.onText(client.session, "{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"NO\"}");
        handler.onText(client.session, "{\"type\":\"dance\",\"id\":\"d\"}");
        handler.onBinary(client.session, new byte[] {1, 2, 3}, 1024);

        assertThat(client.frames())
                .satisfiesExactly(
                        f -> assertThat(f).contains("\"code\":\"bad_request\"").contains("\"id\":\"s\""),
                        f -> assertThat(f).contains("\"code\":\"unknown_type\"").contains("\"id\":\"d\""),
                        f -> assertThat(f).contains("\"code\":\"bad_request\"").contains("binary frame"));
        assertThat(client.closes()).isEmpty();
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void forwardsABinaryPublishWithItsPayloadAsSent() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        byte[] frame = BinaryFrames.frame(
                0x01,
                0x00,
                "{\"type\":\"publish\",\"id\":\"b1\",\"channel\":\"forum_global\",\"event\":\"photo\","
                        + "\"content_type\":\"image/png\"}",
                png);

        handler.onBinary(client.session, frame, 1024);

        ClientAction action = sink.actions.get(0);
        assertThat(action.getRequestId()).isEqualTo("b1");
        Publish publish = (Publish) action.getAction();
        assertThat(publish.getChannel()).isEqualTo("forum_global");
        assertThat(publish.getEvent()).isEqualTo("photo");
        assertThat(publish.getPayload())
                .isEqualTo(new Payload(PayloadKind.IMAGE, "image/png", PayloadEncoding.NONE, ByteBuffer.wrap(png)));
        assertThat(client.frames()).as("published comes from the processor").isEmpty();
    }

    @Test
    void forwardsCompressedJsonCompressedAndRefusesOneInflatingBeyondTheLimit() throws Exception {
        byte[] gzip = gzip("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        handler.onBinary(
                client.session,
                BinaryFrames.frame(0x04, 0x01, "{\"type\":\"publish\",\"id\":\"j\",\"channel\":\"metrics\"}", gzip),
                1024);
        handler.onBinary(
                client.session,
                BinaryFrames.frame(
                        0x04,
                        0x01,
                        "{\"type\":\"publish\",\"id\":\"big\",\"channel\":\"metrics\"}",
                        gzip(("[" + "0,".repeat(600) + "0]").getBytes(StandardCharsets.UTF_8))),
                1024);

        assertThat(sink.actions).singleElement().satisfies(action -> assertThat(
                        ((Publish) action.getAction()).getPayload())
                .isEqualTo(new Payload(
                        PayloadKind.JSON, "application/json", PayloadEncoding.GZIP, ByteBuffer.wrap(gzip))));
        assertThat(client.frames()).singleElement().satisfies(f -> assertThat(f)
                .contains("\"code\":\"message_too_large\"")
                .contains("\"id\":\"big\""));
        assertThat(client.closes()).isEmpty();
    }

    @Test
    void answersAFailedBinaryPublishWithUnavailable() {
        sink.failing = true;

        handler.onBinary(
                client.session,
                BinaryFrames.frame(
                        0x05,
                        0x00,
                        "{\"type\":\"publish\",\"id\":\"u\",\"channel\":\"metrics\",\"content_type\":\"a/b\"}",
                        new byte[] {1}),
                1024);

        assertThat(client.frames()).singleElement().satisfies(f -> assertThat(f)
                .contains("\"code\":\"unavailable\"")
                .contains("\"id\":\"u\"")
                .contains("\"channel\":\"metrics\""));
    }

    private static byte[] gzip(byte[] data) {
        return PayloadDeflater.compress(PayloadEncoding.GZIP, data);
    }

    @Test
    void stopsDeliveriesAndForwardsADisconnectWithTheCloseCodeAndTheDeliveredPositions() {
        client.session.sendSubscribed(
                new ServerMessage.Subscribed("s", "metrics", new Position(41, "T:0"), null), new Position(41, "T:0"));
        client.frames();
        client.frames();

        handler.onClosed(client.session, 4009);

        assertThat(subscriptions.calls).containsExactly("remove c-test");
        assertThat(sink.actions.get(0).getAction())
                .isEqualTo(new Disconnect(4009, List.of(new ChannelPosition("metrics", 41L, "T:0", false))));
    }
}
