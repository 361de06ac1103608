package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import io.switchboard.gateway.protocol.ClientMessage.BinaryPublish;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Coverage-guided fuzzing of {@link BinaryPublishDecoder} with Jazzer. Every client binary frame either decodes to a
 * publish that satisfies PROTOCOL.md ("Binary frames") and the metadata rules, with the payload byte for byte as sent
 * and, when compressed, inflating within the limit (to valid UTF-8 JSON for COMPRESSED_JSON), or is refused with
 * {@code bad_request}, {@code unknown_type} or {@code message_too_large}, the latter only for a payload that really
 * inflates beyond the limit; any other outcome (another exception, a broken invariant) is a finding. The frame is read
 * back here independently of the decoder (layout, Jackson, the JDK's and zstd's own streams).
 *
 * <p>Maven runs this test in its own surefire execution with {@code JAZZER_FUZZ=1} (see gateway/pom.xml), fuzzing for
 * {@code maxDuration}; without that variable Jazzer only replays the seeds under {@code
 * BinaryPublishDecoderFuzzTestInputs/decodesOrRefusesEveryBinaryFrame}.
 */
class BinaryPublishDecoderFuzzTest {
    /** Small, so that payloads inflating past it are within the fuzzer's reach. */
    private static final int LIMIT = 2048;

    private static final int MAX_ERROR_MESSAGE_LENGTH = 1024;
    private static final Set<String> FIELDS = Set.of("type", "id", "channel", "event", "content_type");
    private static final Map<Byte, PayloadKind> KINDS = Map.of(
            (byte) 1, PayloadKind.IMAGE,
            (byte) 2, PayloadKind.AUDIO,
            (byte) 3, PayloadKind.VIDEO,
            (byte) 4, PayloadKind.JSON,
            (byte) 5, PayloadKind.CUSTOM);
    private static final Map<Byte, PayloadEncoding> ENCODINGS = Map.of(
            (byte) 0, PayloadEncoding.NONE,
            (byte) 1, PayloadEncoding.GZIP,
            (byte) 2, PayloadEncoding.DEFLATE,
            (byte) 3, PayloadEncoding.ZSTD);
    private static final ObjectMapper REFERENCE = new ObjectMapper();

    private final BinaryPublishDecoder decoder = new BinaryPublishDecoder(LIMIT);
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();

    @FuzzTest(maxDuration = "10s")
    void decodesOrRefusesEveryBinaryFrame(FuzzedDataProvider data) throws IOException {
        byte[] frame = BinaryFrameGenerator.frame(data, LIMIT);
        byte[] sent = frame.clone();
        BinaryPublish publish;
        try {
            publish = decoder.decode(frame);
        } catch (InvalidFrameException e) {
            assertIsProtocolRefusal(e.reply(), sent);
            return;
        }
        assertThat(frame).as("the decoder leaves the frame as sent").isEqualTo(sent);
        assertSatisfiesProtocol(publish, sent);
    }

    private void assertIsProtocolRefusal(ErrorReply reply, byte[] frame) throws IOException {
        assertThat(reply.code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_TYPE, ErrorCode.MESSAGE_TOO_LARGE);
        assertThat(reply.message()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_ERROR_MESSAGE_LENGTH);
        assertThat(reply.channel()).isNull();
        assertThat(reply.retryAfterMs()).isNull();
        if (reply.id() != null || reply.code() != ErrorCode.BAD_REQUEST) {
            // the decoder read the metadata: what it echoes must be what the client sent
            JsonNode metadata = REFERENCE.readTree(metadataBytes(frame));
            if (reply.id() != null) {
                assertThat(reply.id())
                        .hasSizeLessThanOrEqualTo(ClientMessage.MAX_ID_LENGTH)
                        .isEqualTo(metadata.get("id").textValue());
            }
            if (reply.code() == ErrorCode.UNKNOWN_TYPE) {
                assertThat(metadata.get("type").isTextual()).isTrue();
                assertThat(metadata.get("type").textValue()).isNotEqualTo("publish");
            }
            if (reply.code() == ErrorCode.MESSAGE_TOO_LARGE) {
                PayloadEncoding encoding = ENCODINGS.get(frame[3]);
                assertThat(encoding).isNotNull().isNotEqualTo(PayloadEncoding.NONE);
                assertThat(inflatedLength(encoding, payloadBytes(frame)))
                        .as("refused as too large: it really inflates past the limit")
                        .isGreaterThan(LIMIT);
            }
        }
        assertThat(encoder.encode(reply)).isNotNull();
    }

    private static void assertSatisfiesProtocol(BinaryPublish publish, byte[] frame) throws IOException {
        assertThat(frame[0]).isEqualTo((byte) 0x53);
        assertThat(frame[1]).isEqualTo((byte) 0x01);
        assertThat(publish.kind()).isEqualTo(KINDS.get(frame[2]));
        assertThat(publish.encoding()).isEqualTo(ENCODINGS.get(frame[3]));
        byte[] metadataBytes = metadataBytes(frame);
        assertThat(metadataBytes.length).isLessThanOrEqualTo(BinaryPublishDecoder.MAX_METADATA_BYTES);
        JsonNode metadata = REFERENCE.readTree(metadataBytes);
        assertThat(metadata.isObject()).isTrue();
        metadata.fieldNames().forEachRemaining(name -> assertThat(FIELDS).contains(name));
        assertThat(metadata.get("type").textValue()).isEqualTo("publish");
        assertThat(publish.id()).isEqualTo(textOrNull(metadata.get("id")));
        if (publish.id() != null) {
            assertThat(publish.id()).hasSizeLessThanOrEqualTo(ClientMessage.MAX_ID_LENGTH);
        }
        assertThat(ChannelName.isValid(publish.channel())).isTrue();
        assertThat(publish.channel()).isEqualTo(metadata.get("channel").textValue());
        assertThat(publish.event()).isEqualTo(java.util.Optional.ofNullable(textOrNull(metadata.get("event"))));
        publish.event()
                .ifPresent(event ->
                        assertThat(event).isNotEmpty().hasSizeLessThanOrEqualTo(ClientMessageDecoder.MAX_NAME_LENGTH));
        if (publish.kind() == PayloadKind.JSON) {
            assertThat(publish.contentType()).isEqualTo("application/json");
            assertThat(publish.encoding()).isNotEqualTo(PayloadEncoding.NONE);
        } else {
            assertThat(publish.contentType())
                    .isNotBlank()
                    .contains("/")
                    .isEqualTo(metadata.get("content_type").textValue());
        }
        byte[] payload = payloadBytes(frame);
        assertThat(bytes(publish.data())).as("the payload as sent").isEqualTo(payload);
        if (publish.encoding() != PayloadEncoding.NONE) {
            byte[] inflated = inflate(publish.encoding(), payload);
            assertThat(inflated.length).isLessThanOrEqualTo(LIMIT);
            if (publish.kind() == PayloadKind.JSON) {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(inflated))
                        .toString();
                assertThat(REFERENCE.readTree(text)).as("one valid JSON value").isNotNull();
            }
        }
    }

    private static byte[] metadataBytes(byte[] frame) {
        int length = ByteBuffer.wrap(frame, 4, 4).getInt();
        return Arrays.copyOfRange(frame, 8, 8 + length);
    }

    private static byte[] payloadBytes(byte[] frame) {
        return Arrays.copyOfRange(frame, 8 + ByteBuffer.wrap(frame, 4, 4).getInt(), frame.length);
    }

    /** How many bytes the payload inflates to, counting at most one beyond the limit. */
    private static long inflatedLength(PayloadEncoding encoding, byte[] payload) throws IOException {
        try (InputStream in = open(encoding, payload)) {
            return in.readNBytes(LIMIT + 1).length;
        }
    }

    private static byte[] inflate(PayloadEncoding encoding, byte[] payload) throws IOException {
        try (InputStream in = open(encoding, payload)) {
            return in.readNBytes(LIMIT + 1);
        }
    }

    private static InputStream open(PayloadEncoding encoding, byte[] payload) throws IOException {
        InputStream raw = new ByteArrayInputStream(payload);
        return switch (encoding) {
            case GZIP -> new GZIPInputStream(raw);
            case DEFLATE -> new InflaterInputStream(raw, new Inflater(true));
            case ZSTD -> new ZstdInputStream(raw);
            case NONE -> raw;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.textValue();
    }
}
