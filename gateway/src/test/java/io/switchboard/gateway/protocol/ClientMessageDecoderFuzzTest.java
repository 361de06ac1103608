package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.gateway.protocol.ClientMessage.Ack;
import io.switchboard.gateway.protocol.ClientMessage.GetReconnectionToken;
import io.switchboard.gateway.protocol.ClientMessage.Ping;
import io.switchboard.gateway.protocol.ClientMessage.Presence;
import io.switchboard.gateway.protocol.ClientMessage.Publish;
import io.switchboard.gateway.protocol.ClientMessage.Refresh;
import io.switchboard.gateway.protocol.ClientMessage.Subscribe;
import io.switchboard.gateway.protocol.ClientMessage.Unsubscribe;
import io.switchboard.schemas.ChannelName;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@link ClientMessageDecoder} with Jazzer. Every client text frame either decodes to a
 * message that satisfies PROTOCOL.md ("Frames from the client") or is rejected with an error frame carrying a
 * protocol error code; any other outcome (another exception, a broken invariant) is a finding.
 *
 * <p>Maven runs this test in its own surefire execution with {@code JAZZER_FUZZ=1} (see gateway/pom.xml), which
 * fuzzes for {@code maxDuration}; without that variable Jazzer only replays the seeds under {@code
 * ClientMessageDecoderFuzzTestInputs/decodesOrRejectsEveryFrame} and any crash files placed there.
 */
class ClientMessageDecoderFuzzTest {
    private static final Map<Class<? extends ClientMessage>, String> TYPES = Map.of(
            Subscribe.class, "subscribe",
            Unsubscribe.class, "unsubscribe",
            Publish.class, "publish",
            Presence.class, "presence",
            Ping.class, "ping",
            GetReconnectionToken.class, "get_reconnection_token",
            Ack.class, "ack",
            Refresh.class, "refresh");
    /** Error messages quote at most a bounded part of what the client sent. */
    private static final int MAX_ERROR_MESSAGE_LENGTH = 1024;

    /** Reads a frame the way the protocol defines it, independently of the decoder under test. */
    private static final ObjectMapper REFERENCE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** JSON equality where numbers are equal by value (JSON has one number type), everything else as usual. */
    private static final Comparator<JsonNode> SAME_JSON_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();

    // 10 s, not 25: in a CI run from the seeds alone (a clean clone has no generated corpus) the covered edges grew
    // from 257 to 395 within about 4 s and to their final 397 at about 10 s; the other 16 s found none. A local build
    // keeps target/jazzer/.cifuzz-corpus, so each run goes on from where the last one stopped.
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryFrame(FuzzedDataProvider data) throws JsonProcessingException {
        String text = ClientFrameGenerator.frame(data);
        ClientMessage message;
        try {
            message = decoder.decode(text);
        } catch (InvalidFrameException e) {
            assertIsProtocolRejection(e.reply(), text);
            return;
        }
        assertSatisfiesProtocol(message, REFERENCE.readTree(text));
    }

    private void assertIsProtocolRejection(ErrorReply reply, String text) throws JsonProcessingException {
        assertThat(reply).as("reply of a rejected frame").isNotNull();
        assertThat(reply.code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_TYPE);
        assertThat(reply.message()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_ERROR_MESSAGE_LENGTH);
        assertThat(reply.channel()).isNull();
        assertThat(reply.retryAfterMs()).isNull();
        if (reply.id() != null || reply.code() == ErrorCode.UNKNOWN_TYPE) {
            // the decoder got far enough to read the frame as JSON: what it echoes must be what the client sent
            JsonNode root = REFERENCE.readTree(text);
            if (reply.id() != null) {
                assertThat(reply.id()).hasSizeLessThanOrEqualTo(ClientMessage.MAX_ID_LENGTH);
                assertThat(reply.id()).isEqualTo(root.get("id").textValue());
            }
            if (reply.code() == ErrorCode.UNKNOWN_TYPE) {
                assertThat(root.get("type").isTextual()).isTrue();
                assertThat(TYPES.values()).doesNotContain(root.get("type").textValue());
            }
        }
        // the reply is sent to the client as it is: it must encode
        assertThat(encoder.encode(reply)).isNotNull();
    }

    private static void assertSatisfiesProtocol(ClientMessage message, JsonNode frame) throws JsonProcessingException {
        assertThat(frame.isObject()).isTrue();
        assertThat(frame.get("type").textValue()).isEqualTo(TYPES.get(message.getClass()));
        assertThat(message.id()).isEqualTo(textOrNull(frame.get("id")));
        if (message.id() != null) {
            assertThat(message.id()).hasSizeLessThanOrEqualTo(ClientMessage.MAX_ID_LENGTH);
        }
        if (message instanceof Subscribe subscribe) {
            assertValidChannel(subscribe.channel(), frame);
            JsonNode since = frame.get("since");
            if (subscribe.since().isPresent()) {
                assertValidPosition(subscribe.since().get(), since);
            } else {
                assertThat(since == null || since.isNull())
                        .as("since left out or null")
                        .isTrue();
            }
            assertThat(subscribe.presence()).isEqualTo(booleanOrFalse(frame.get("presence")));
        } else if (message instanceof Unsubscribe unsubscribe) {
            assertValidChannel(unsubscribe.channel(), frame);
        } else if (message instanceof Publish publish) {
            assertValidChannel(publish.channel(), frame);
            publish.event().ifPresent(event -> assertThat(event)
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(ClientMessageDecoder.MAX_NAME_LENGTH)
                    .isEqualTo(frame.get("event").textValue()));
            // re-parsable from the UTF-8 bytes that go to Kafka (a lone surrogate would not survive UTF-8), and the
            // very value the client sent: numbers keep their value and digits, though 75E-0 may come back as 75
            byte[] wire = publish.dataJson().getBytes(StandardCharsets.UTF_8);
            JsonNode sent = REFERENCE.readTree(new String(wire, StandardCharsets.UTF_8));
            assertThat(sent.equals(SAME_JSON_VALUE, frame.get("data")))
                    .as("%s carries %s", publish.dataJson(), frame.get("data"))
                    .isTrue();
            assertThat(publish.receipts()).isEqualTo(booleanOrFalse(frame.get("receipts")));
        } else if (message instanceof Presence presence) {
            assertValidChannel(presence.channel(), frame);
            assertThat(presence.after().orElse(null)).isEqualTo(textOrNull(frame.get("after")));
            presence.after().ifPresent(after -> assertThat(ChannelName.isValidUserId(after))
                    .as("valid user id: %s", after)
                    .isTrue());
        } else if (message instanceof Ack ack) {
            assertValidChannel(ack.channel(), frame);
            assertThat(ack.offset())
                    .isNotNegative()
                    .isEqualTo(frame.get("offset").longValue());
        } else if (message instanceof Refresh refresh) {
            assertThat(refresh.token()).isEqualTo(frame.get("token").textValue());
        }
    }

    private static void assertValidChannel(String channel, JsonNode frame) {
        assertThat(ChannelName.isValid(channel))
                .as("valid channel name: %s", channel)
                .isTrue();
        assertThat(channel).isEqualTo(frame.get("channel").textValue());
    }

    private static void assertValidPosition(Position since, JsonNode sent) {
        // -1 is "before the first record" (Position); nothing below it is a position
        assertThat(since.offset())
                .isGreaterThanOrEqualTo(-1)
                .isEqualTo(sent.get("offset").longValue());
        assertThat(since.epoch())
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(ClientMessageDecoder.MAX_NAME_LENGTH)
                .isEqualTo(sent.get("epoch").textValue());
    }

    /** An optional flag as the protocol reads it: left out or null is false. */
    private static boolean booleanOrFalse(JsonNode node) {
        return node != null && node.booleanValue();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.textValue();
    }
}
