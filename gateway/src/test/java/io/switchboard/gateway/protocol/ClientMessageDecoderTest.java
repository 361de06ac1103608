package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.gateway.protocol.ClientMessage.Ack;
import io.switchboard.gateway.protocol.ClientMessage.GetReconnectionToken;
import io.switchboard.gateway.protocol.ClientMessage.Ping;
import io.switchboard.gateway.protocol.ClientMessage.Presence;
import io.switchboard.gateway.protocol.ClientMessage.Publish;
import io.switchboard.gateway.protocol.ClientMessage.Refresh;
import io.switchboard.gateway.protocol.ClientMessage.Subscribe;
import io.switchboard.gateway.protocol.ClientMessage.Unsubscribe;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageDecoderTest {
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @Test
    void decodesSubscribeWithAndWithoutSince() throws Exception {
        assertThat(decoder.decode("{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\"}"))
                .isEqualTo(new Subscribe("1", "metrics", Optional.empty()));
        assertThat(
                        decoder.decode(
                                "{\"type\":\"subscribe\",\"channel\":\"forum_threads:42\",\"since\":{\"offset\":41,\"epoch\":\"e:1\"}}"))
                .isEqualTo(new Subscribe(null, "forum_threads:42", Optional.of(new Position(41, "e:1"))));
    }

    @Test
    void decodesTheSubscribersWishForPresence() throws Exception {
        assertThat(decoder.decode("{\"type\":\"subscribe\",\"channel\":\"chat_rooms:1\",\"presence\":true}"))
                .isEqualTo(new Subscribe(null, "chat_rooms:1", Optional.empty(), true));
        assertThat(decoder.decode("{\"type\":\"subscribe\",\"channel\":\"chat_rooms:1\",\"presence\":false}"))
                .isEqualTo(new Subscribe(null, "chat_rooms:1", Optional.empty(), false));
        assertRefused(
                "{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"chat_rooms:1\",\"presence\":\"yes\"}",
                ErrorCode.BAD_REQUEST,
                "s");
    }

    @Test
    void decodesAPresenceQueryWithAndWithoutAfter() throws Exception {
        assertThat(decoder.decode("{\"type\":\"presence\",\"id\":\"q\",\"channel\":\"forum_threads:42\"}"))
                .isEqualTo(new Presence("q", "forum_threads:42", Optional.empty()));
        assertThat(decoder.decode(
                        "{\"type\":\"presence\",\"channel\":\"forum_threads:42\",\"after\":\"alice@example.org\"}"))
                .isEqualTo(new Presence(null, "forum_threads:42", Optional.of("alice@example.org")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "7", "\"two words\"", "{}", "\"é\""})
    void refusesAPresenceQueryWhoseAfterIsNoUserId(String after) {
        assertRefused(
                "{\"type\":\"presence\",\"id\":\"q\",\"channel\":\"forum_threads:42\",\"after\":" + after + "}",
                ErrorCode.BAD_REQUEST,
                "q");
    }

    @Test
    void refusesAPresenceQueryWithoutAValidChannel() {
        assertRefused("{\"type\":\"presence\",\"id\":\"q\"}", ErrorCode.BAD_REQUEST, "q");
        assertRefused("{\"type\":\"presence\",\"id\":\"q\",\"channel\":\"Bad Family\"}", ErrorCode.BAD_REQUEST, "q");
    }

    @Test
    void decodesUnsubscribePingAndTheNotYetSupportedTypes() throws Exception {
        assertThat(decoder.decode("{\"type\":\"unsubscribe\",\"id\":\"u\",\"channel\":\"status\"}"))
                .isEqualTo(new Unsubscribe("u", "status"));
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":\"p\"}")).isEqualTo(new Ping("p"));
        assertThat(decoder.decode("{\"type\":\"get_reconnection_token\"}")).isEqualTo(new GetReconnectionToken(null));
        assertThat(decoder.decode("{\"type\":\"ack\",\"channel\":\"user:alice\",\"offset\":7}"))
                .isEqualTo(new Ack(null, "user:alice", 7));
        assertThat(decoder.decode("{\"type\":\"refresh\",\"token\":\"t\"}")).isEqualTo(new Refresh(null, "t"));
    }

    @Test
    void keepsPublishDataExactlyAsWritten() throws Exception {
        ClientMessage message = decoder.decode(
                "{\"type\":\"publish\",\"id\":\"9\",\"channel\":\"forum_global\","
                        + "\"event\":\"comment.created\",\"data\":{\"n\":1.10,\"big\":123456789012345678901234567890,\"s\":\"é\"}}");

        assertThat(message)
                .isEqualTo(new Publish(
                        "9",
                        "forum_global",
                        Optional.of("comment.created"),
                        "{\"n\":1.10,\"big\":123456789012345678901234567890,\"s\":\"é\"}",
                        false));
    }

    @Test
    void readsTheReceiptsFlagOfAPublish() throws Exception {
        assertThat(decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":1,\"receipts\":true}"))
                .isEqualTo(new Publish(null, "c", Optional.empty(), "1", true));
        assertThatThrownBy(() -> decoder.decode(
                        "{\"type\":\"publish\",\"id\":\"r\",\"channel\":\"c\",\"data\":1,\"receipts\":\"yes\"}"))
                .isInstanceOfSatisfying(
                        InvalidFrameException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void refusesADecimalWhoseExponentIsOutOfRangeAsBadRequest() {
        assertThatThrownBy(() -> decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":8.46E-901234567890}"))
                .isInstanceOfSatisfying(
                        InvalidFrameException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void acceptsAnyJsonValueAsPublishData() throws Exception {
        assertThat(((Publish) decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":null}")).dataJson())
                .isEqualTo("null");
        assertThat(((Publish) decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":[1,\"x\"]}")).dataJson())
                .isEqualTo("[1,\"x\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":", "[1,2]", "\"subscribe\"", "", "{} {}"})
    void refusesWhatIsNotOneJsonObject(String text) {
        assertRefused(text, ErrorCode.BAD_REQUEST, null);
    }

    @Test
    void refusesAnUnknownTypeEchoingTheId() {
        assertRefused("{\"type\":\"teleport\",\"id\":\"7\"}", ErrorCode.UNKNOWN_TYPE, "7");
    }

    @Test
    void refusesAMissingOrNonStringType() {
        assertRefused("{\"id\":\"7\"}", ErrorCode.BAD_REQUEST, "7");
        assertRefused("{\"type\":3,\"id\":\"7\"}", ErrorCode.BAD_REQUEST, "7");
    }

    @Test
    void refusesABadIdWithoutEchoingIt() {
        assertRefused("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":\"ping\",\"id\":5}", ErrorCode.BAD_REQUEST, null);
    }

    @Test
    void acceptsAnIdOfExactly64Characters() throws Exception {
        String id = "x".repeat(64);
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":\"" + id + "\"}")).isEqualTo(new Ping(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"subscribe\",\"id\":\"1\"}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":5}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"Metrics\"}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"\"}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"a:b c\"}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\",\"since\":5}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\",\"since\":{\"offset\":\"1\",\"epoch\":\"e\"}}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\",\"since\":{\"offset\":-2,\"epoch\":\"e\"}}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\",\"since\":{\"offset\":1}}",
                "{\"type\":\"unsubscribe\",\"id\":\"1\",\"channel\":[]}",
                "{\"type\":\"publish\",\"id\":\"1\",\"channel\":\"metrics\"}",
                "{\"type\":\"publish\",\"id\":\"1\",\"channel\":\"metrics\",\"data\":1,\"event\":7}",
                "{\"type\":\"ack\",\"id\":\"1\",\"channel\":\"metrics\",\"offset\":1.5}",
                "{\"type\":\"refresh\",\"id\":\"1\"}"
            })
    void refusesWrongFieldsEchoingTheId(String text) {
        assertRefused(text, ErrorCode.BAD_REQUEST, "1");
    }

    @Test
    void refusesAChannelLongerThan200Characters() {
        assertRefused(
                "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"" + "a".repeat(201) + "\"}",
                ErrorCode.BAD_REQUEST,
                "1");
    }

    @Test
    void refusesALoneSurrogateThatUtf8CannotCarry() {
        assertRefused(
                "{\"type\":\"publish\",\"id\":\"1\",\"channel\":\"c\",\"data\":\"a\\ud800b\"}",
                ErrorCode.BAD_REQUEST,
                "1");
        assertRefused(
                "{\"type\":\"publish\",\"id\":\"2\",\"channel\":\"c\",\"event\":\"\\udc00\",\"data\":1}",
                ErrorCode.BAD_REQUEST,
                "2");
    }

    @Test
    void refusesANumberWhoseTextFormNoParserCouldReadBack() {
        assertRefused(
                "{\"type\":\"publish\",\"id\":\"1\",\"channel\":\"c\",\"data\":[1,{\"x\":-1.3486231581E+2147483647}]}",
                ErrorCode.BAD_REQUEST,
                "1");
    }

    @Test
    void keepsLargeButSaneExponents() throws Exception {
        ClientMessage message = decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":1.5E+308}");
        assertThat(((ClientMessage.Publish) message).dataJson()).isEqualTo("1.5E+308");
    }

    @Test
    void acceptsASurrogatePairEscape() throws Exception {
        ClientMessage message = decoder.decode("{\"type\":\"publish\",\"channel\":\"c\",\"data\":\"\\ud83d\\ude00\"}");
        assertThat(((ClientMessage.Publish) message).dataJson()).isEqualTo("\"\uD83D\uDE00\"");
    }

    private void assertRefused(String text, ErrorCode code, String id) {
        InvalidFrameException error = catchThrowableOfType(InvalidFrameException.class, () -> decoder.decode(text));
        assertThat(error).as("refusal of %s", text).isNotNull();
        assertThat(error.reply().code()).isEqualTo(code);
        assertThat(error.reply().id()).isEqualTo(id);
        assertThat(error.reply().message()).isNotBlank();
    }
}
