package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessageEncoderTest {
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();

    @Test
    void writesTheWelcomeWithANullUserIdForAnonymousConnections() {
        Frame frame = encoder.encode(new ServerMessage.Welcome("c-1", null, List.of("anonymous"), 25000, false));

        assertThat(frame.isBinary()).isFalse();
        assertThat(FrameText.of(frame))
                .isEqualTo("{\"type\":\"welcome\",\"connection_id\":\"c-1\",\"user_id\":null,"
                        + "\"roles\":[\"anonymous\"],\"heartbeat_ms\":25000,\"resumed\":false}");
    }

    @Test
    void writesSubscribedWithItsPositionAndLeavesOutAbsentFields() {
        assertThat(FrameText.of(
                        encoder.encode(new ServerMessage.Subscribed("1", "metrics", new Position(41, "t:0"), null))))
                .isEqualTo("{\"type\":\"subscribed\",\"id\":\"1\",\"channel\":\"metrics\","
                        + "\"position\":{\"offset\":41,\"epoch\":\"t:0\"}}");
        assertThat(FrameText.of(
                        encoder.encode(new ServerMessage.Subscribed(null, "metrics", new Position(-1, "t:0"), false))))
                .isEqualTo("{\"type\":\"subscribed\",\"channel\":\"metrics\","
                        + "\"position\":{\"offset\":-1,\"epoch\":\"t:0\"},\"recovered\":false}");
    }

    @Test
    void writesErrorsWithWireCodes() {
        assertThat(FrameText.of(encoder.encode(ErrorReply.of("5", ErrorCode.PERMISSION_DENIED, "no", "signals"))))
                .isEqualTo("{\"type\":\"error\",\"id\":\"5\",\"code\":\"permission_denied\",\"message\":\"no\","
                        + "\"channel\":\"signals\"}");
        assertThat(FrameText.of(encoder.encode(new ErrorReply(null, ErrorCode.RATE_LIMITED, "slow down", null, 1500L))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"slow down\","
                        + "\"retry_after_ms\":1500}");
    }

    @Test
    void writesTheOtherReplies() {
        assertThat(FrameText.of(encoder.encode(new ServerMessage.Unsubscribed("2", "status", "client"))))
                .isEqualTo("{\"type\":\"unsubscribed\",\"id\":\"2\",\"channel\":\"status\",\"reason\":\"client\"}");
        assertThat(FrameText.of(encoder.encode(new ServerMessage.Published("3", "forum_global", 58, "e-3"))))
                .isEqualTo("{\"type\":\"published\",\"id\":\"3\",\"channel\":\"forum_global\",\"offset\":58,"
                        + "\"event_id\":\"e-3\"}");
        assertThat(FrameText.of(encoder.encode(new ServerMessage.Pong("4", 1763800000123L))))
                .isEqualTo("{\"type\":\"pong\",\"id\":\"4\",\"server_time\":1763800000123}");
    }

    @Test
    void writesAPresencePageAsTheProtocolDoesLeavingOutNoAnonymousAndNoNext() {
        List<ServerMessage.PresencePage.Member> members = List.of(
                new ServerMessage.PresencePage.Member("alice", 2), new ServerMessage.PresencePage.Member("bob", 1));

        assertThat(FrameText.of(
                        encoder.encode(new ServerMessage.PresencePage("q", "forum_threads:42", members, 3, 4, "bob"))))
                .isEqualTo("{\"type\":\"presence\",\"id\":\"q\",\"channel\":\"forum_threads:42\","
                        + "\"members\":[{\"user_id\":\"alice\",\"connections\":2},{\"user_id\":\"bob\",\"connections\":1}],"
                        + "\"count\":3,\"anonymous\":4,\"next\":\"bob\"}");
        assertThat(FrameText.of(
                        encoder.encode(new ServerMessage.PresencePage(null, "chat_rooms:1", List.of(), 0, null, null))))
                .isEqualTo("{\"type\":\"presence\",\"channel\":\"chat_rooms:1\",\"members\":[],\"count\":0}");
    }

    @Test
    void writesJoinAndLeave() {
        assertThat(FrameText.of(encoder.encode(
                        new ServerMessage.PresenceChange("join", "chat_rooms:1", "alice", 1763800000123L))))
                .isEqualTo("{\"type\":\"join\",\"channel\":\"chat_rooms:1\",\"user_id\":\"alice\","
                        + "\"ts\":1763800000123}");
        assertThat(FrameText.of(encoder.encode(
                        new ServerMessage.PresenceChange("leave", "chat_rooms:1", "alice", 1763800000124L))))
                .isEqualTo("{\"type\":\"leave\",\"channel\":\"chat_rooms:1\",\"user_id\":\"alice\","
                        + "\"ts\":1763800000124}");
    }

    @Test
    void knowsEveryErrorCodeOfTheProtocolByWireName() {
        assertThat(List.of(ErrorCode.values()).stream().map(ErrorCode::wireName))
                .containsExactly(
                        "bad_request",
                        "unknown_type",
                        "unauthorized",
                        "permission_denied",
                        "unknown_channel",
                        "rate_limited",
                        "message_too_large",
                        "token_invalid",
                        "unavailable",
                        "internal");
        assertThat(ErrorCode.fromWireName("permission_denied")).contains(ErrorCode.PERMISSION_DENIED);
        assertThat(ErrorCode.fromWireName("nonsense")).isEmpty();
    }
}
