package io.switchboard.gateway.protocol;

import static io.switchboard.gateway.protocol.BinaryFrames.frame;
import static io.switchboard.gateway.protocol.BinaryFrames.publish;
import static io.switchboard.schemas.PayloadDeflater.compress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.luben.zstd.ZstdOutputStream;
import io.switchboard.gateway.protocol.ClientMessage.BinaryPublish;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryPublishDecoderTest {
    private static final int LIMIT = 64 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    private static final String JSON = "{\"n\":1,\"items\":[" + "\"abc\",".repeat(300) + "\"end\"]}";

    private final BinaryPublishDecoder decoder = new BinaryPublishDecoder(LIMIT);

    @Test
    void decodesAnImagePublishKeepingThePayloadAsSent() throws Exception {
        BinaryPublish publish = decoder.decode(frame(
                0x01,
                0x00,
                "{\"type\":\"publish\",\"id\":\"p1\",\"channel\":\"forum_threads:42\",\"event\":\"photo\","
                        + "\"content_type\":\"image/png\"}",
                PNG));

        assertThat(publish.id()).isEqualTo("p1");
        assertThat(publish.channel()).isEqualTo("forum_threads:42");
        assertThat(publish.event()).contains("photo");
        assertThat(publish.kind()).isEqualTo(PayloadKind.IMAGE);
        assertThat(publish.contentType()).isEqualTo("image/png");
        assertThat(publish.encoding()).isEqualTo(PayloadEncoding.NONE);
        assertThat(bytes(publish.data())).isEqualTo(PNG);
        assertThat(publish.data().isReadOnly()).isTrue();
        assertThat(publish.receipts()).as("receipts left out").isFalse();
    }

    @Test
    void takesTheReceiptsFlagOfTheMetadataAsATextPublishDoes() throws Exception {
        BinaryPublish publish = decoder.decode(frame(
                0x01,
                0x00,
                "{\"type\":\"publish\",\"id\":\"p2\",\"channel\":\"forum_threads:42\",\"content_type\":\"image/png\","
                        + "\"receipts\":true}",
                PNG));

        assertThat(publish.receipts()).isTrue();
        assertRefused(
                frame(
                        0x01,
                        0x00,
                        "{\"type\":\"publish\",\"id\":\"p3\",\"channel\":\"metrics\",\"content_type\":\"image/png\","
                                + "\"receipts\":\"yes\"}",
                        PNG),
                ErrorCode.BAD_REQUEST,
                "p3",
                "'receipts'");
    }

    @Test
    void decodesEveryKindByte() throws Exception {
        PayloadKind[] kinds = {PayloadKind.IMAGE, PayloadKind.AUDIO, PayloadKind.VIDEO, null, PayloadKind.CUSTOM};
        for (int kind = 1; kind <= 5; kind++) {
            if (kind == 4) {
                continue; // COMPRESSED_JSON needs an encoding
            }
            BinaryPublish publish =
                    decoder.decode(frame(kind, 0x00, publish(null, "metrics", "application/octet-stream"), PNG));
            assertThat(publish.kind()).isEqualTo(kinds[kind - 1]);
            assertThat(publish.id()).isNull();
            assertThat(publish.event()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void decodesCompressedJsonAsAJsonPayloadInItsEncodingWithTheBytesAsSent(PayloadEncoding encoding) throws Exception {
        byte[] compressed = compress(encoding, JSON.getBytes(StandardCharsets.UTF_8));

        BinaryPublish publish = decoder.decode(
                frame(0x04, BinaryFrameFormat.encodingByte(encoding), publish("j", "forum_global", null), compressed));

        assertThat(publish.kind()).isEqualTo(PayloadKind.JSON);
        assertThat(publish.contentType()).isEqualTo("application/json");
        assertThat(publish.encoding()).isEqualTo(encoding);
        assertThat(bytes(publish.data())).isEqualTo(compressed);
    }

    @Test
    void acceptsApplicationJsonAsTheContentTypeOfCompressedJson() throws Exception {
        byte[] gzip = compress(PayloadEncoding.GZIP, "[1,2]".getBytes(StandardCharsets.UTF_8));

        assertThat(decoder.decode(frame(0x04, 0x01, publish(null, "metrics", "application/json"), gzip))
                        .contentType())
                .isEqualTo("application/json");
        assertRefused(
                frame(0x04, 0x01, publish("x", "metrics", "text/plain"), gzip),
                ErrorCode.BAD_REQUEST,
                "x",
                "application/json");
    }

    @Test
    void checksACompressedMediaPayloadInflatesButKeepsItAsSent() throws Exception {
        byte[] audio = new byte[LIMIT];
        Arrays.fill(audio, (byte) 3);
        byte[] zstd = compress(PayloadEncoding.ZSTD, audio);

        BinaryPublish publish = decoder.decode(frame(0x02, 0x03, publish("a", "metrics", "audio/ogg"), zstd));

        assertThat(publish.encoding()).isEqualTo(PayloadEncoding.ZSTD);
        assertThat(bytes(publish.data())).isEqualTo(zstd);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void refusesADecompressionBombAsMessageTooLargeWithTheId(PayloadEncoding encoding) {
        byte[] bomb = compress(encoding, new byte[100 * LIMIT]);
        byte[] jsonBomb = compress(encoding, ("\"" + "a".repeat(100 * LIMIT) + "\"").getBytes(StandardCharsets.UTF_8));

        assertRefused(
                frame(0x04, BinaryFrameFormat.encodingByte(encoding), publish("bomb", "metrics", null), jsonBomb),
                ErrorCode.MESSAGE_TOO_LARGE,
                "bomb",
                "more than " + LIMIT);
        assertRefused(
                frame(0x01, BinaryFrameFormat.encodingByte(encoding), publish("bomb2", "metrics", "image/png"), bomb),
                ErrorCode.MESSAGE_TOO_LARGE,
                "bomb2",
                "more than " + LIMIT);
    }

    @Test
    void refusesAZstdFrameAskingForAHugeWindowBeforeAllocatingIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            zstd.setWindowLog(30); // 1 GiB window declared in the frame header
            zstd.write("[1]".getBytes(StandardCharsets.UTF_8));
        }

        InvalidFrameException refused = catchThrowableOfType(
                InvalidFrameException.class,
                () -> decoder.decode(frame(0x04, 0x03, publish("w", "metrics", null), out.toByteArray())));

        assertThat(refused.reply().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.reply().message()).contains("zstd");
    }

    @Test
    void refusesCompressedJsonThatIsNotOneValidJsonValueInUtf8() {
        for (String notJson : new String[] {"{\"a\":", "", "  ", "[1] [2]", "nope", "{\"a\":1}x", "1e99999999999"}) {
            byte[] gzip = compress(PayloadEncoding.GZIP, notJson.getBytes(StandardCharsets.UTF_8));
            assertRefused(frame(0x04, 0x01, publish("j", "metrics", null), gzip), ErrorCode.BAD_REQUEST, "j", "JSON");
        }
        byte[] latin1 = compress(PayloadEncoding.GZIP, "\"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(frame(0x04, 0x01, publish("j", "metrics", null), latin1), ErrorCode.BAD_REQUEST, "j", "UTF-8");
    }

    @Test
    void refusesCompressedJsonWithoutAnEncoding() {
        assertRefused(
                frame(0x04, 0x00, publish("n", "metrics", null), "[1]".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.BAD_REQUEST,
                "n",
                "text frame");
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void refusesAPayloadThatIsNotInItsEncoding(PayloadEncoding encoding) {
        byte[] valid = compress(encoding, JSON.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

        assertRefused(
                frame(0x01, BinaryFrameFormat.encodingByte(encoding), publish("t", "metrics", "image/png"), truncated),
                ErrorCode.BAD_REQUEST,
                "t",
                encoding.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void refusesABrokenHeaderWithoutAnId() {
        byte[] good = frame(0x01, 0x00, publish("h", "metrics", "image/png"), PNG);
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        byte[] badVersion = good.clone();
        badVersion[1] = 2;
        byte[] lengthBeyondEnd = good.clone();
        ByteBuffer.wrap(lengthBeyondEnd).putInt(4, good.length);
        byte[] hugeLength = good.clone();
        ByteBuffer.wrap(hugeLength).putInt(4, -1);

        for (byte[] frame : new byte[][] {badMagic, badVersion, lengthBeyondEnd, hugeLength, {0x53, 0x01, 1, 0}, {}}) {
            assertRefused(frame, ErrorCode.BAD_REQUEST, null, "");
        }
    }

    @Test
    void refusesUnknownKindAndEncodingBytesWithTheId() {
        assertRefused(frame(0x06, 0x00, publish("k", "metrics", "image/png"), PNG), ErrorCode.BAD_REQUEST, "k", "kind");
        assertRefused(frame(0x00, 0x00, publish("k", "metrics", "image/png"), PNG), ErrorCode.BAD_REQUEST, "k", "kind");
        assertRefused(
                frame(0x01, 0x04, publish("e", "metrics", "image/png"), PNG), ErrorCode.BAD_REQUEST, "e", "encoding");
    }

    @Test
    void refusesMetadataLongerThan4KiB() {
        String metadata = "{\"type\":\"publish\",\"channel\":\"metrics\",\"content_type\":\"image/png\",\"event\":\""
                + "e".repeat(4096) + "\"}";

        assertRefused(frame(0x01, 0x00, metadata, PNG), ErrorCode.BAD_REQUEST, null, "4096");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"publish\"",
                "{\"type\":\"publish\"",
                "{\"type\":\"publish\",\"type\":\"publish\",\"channel\":\"metrics\",\"content_type\":\"image/png\"}",
                "{\"type\":\"publish\",\"channel\":\"metrics\",\"content_type\":\"image/png\"} {}"
            })
    void refusesMetadataThatIsNotOneJsonObject(String metadata) {
        assertRefused(frame(0x01, 0x00, metadata, PNG), ErrorCode.BAD_REQUEST, null, "metadata");
    }

    @Test
    void refusesMetadataThatIsNotUtf8() {
        byte[] metadata = "{\"type\":\"publish\",\"channel\":\"metrics\",\"event\":\"caf\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(frame(0x01, 0x00, metadata, PNG), ErrorCode.BAD_REQUEST, null, "UTF-8");
    }

    @Test
    void appliesTheIdChannelAndEventRulesOfTextFrames() {
        String longId = "i".repeat(ClientMessage.MAX_ID_LENGTH + 1);
        assertRefused(
                frame(0x01, 0x00, publish(longId, "metrics", "image/png"), PNG), ErrorCode.BAD_REQUEST, null, "'id'");
        assertRefused(frame(0x01, 0x00, publish("c", "Not Valid", "image/png"), PNG), ErrorCode.BAD_REQUEST, "c", "");
        assertRefused(
                frame(0x01, 0x00, "{\"type\":\"publish\",\"id\":\"c\",\"content_type\":\"image/png\"}", PNG),
                ErrorCode.BAD_REQUEST,
                "c",
                "'channel'");
        assertRefused(
                frame(
                        0x01,
                        0x00,
                        "{\"type\":\"publish\",\"id\":\"v\",\"channel\":\"metrics\",\"event\":\"\","
                                + "\"content_type\":\"image/png\"}",
                        PNG),
                ErrorCode.BAD_REQUEST,
                "v",
                "'event'");
    }

    @Test
    void refusesAnotherTypeAsUnknownAndAnyUnknownField() {
        assertRefused(
                frame(0x01, 0x00, "{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"metrics\"}", PNG),
                ErrorCode.UNKNOWN_TYPE,
                "s",
                "subscribe");
        assertRefused(
                frame(0x01, 0x00, "{\"id\":\"s\",\"channel\":\"metrics\"}", PNG), ErrorCode.BAD_REQUEST, "s", "'type'");
        assertRefused(
                frame(
                        0x01,
                        0x00,
                        "{\"type\":\"publish\",\"id\":\"u\",\"channel\":\"metrics\",\"content_type\":\"image/png\","
                                + "\"data\":1}",
                        PNG),
                ErrorCode.BAD_REQUEST,
                "u",
                "'data'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "png", "image/", "/png", "image/png;", "image png", "image/png\\n"})
    void refusesAMissingOrMalformedContentTypeOfMedia(String contentType) {
        assertRefused(frame(0x01, 0x00, publish("m", "metrics", contentType), PNG), ErrorCode.BAD_REQUEST, "m", "");
        assertRefused(
                frame(0x05, 0x00, publish("m", "metrics", null), PNG), ErrorCode.BAD_REQUEST, "m", "content_type");
    }

    @Test
    void acceptsContentTypesWithParameters() throws Exception {
        assertThat(decoder.decode(frame(0x05, 0x00, publish(null, "metrics", "text/plain; charset=utf-8"), PNG))
                        .contentType())
                .isEqualTo("text/plain; charset=utf-8");
        assertThat(decoder.decode(frame(0x03, 0x00, publish(null, "metrics", "video/mp4"), new byte[0]))
                        .data()
                        .remaining())
                .isZero();
    }

    private void assertRefused(byte[] frame, ErrorCode code, String id, String messagePart) {
        InvalidFrameException refused = catchThrowableOfType(InvalidFrameException.class, () -> decoder.decode(frame));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reply().code()).isEqualTo(code);
        assertThat(refused.reply().id()).isEqualTo(id);
        assertThat(refused.reply().message()).contains(messagePart);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
