package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryFrameDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "{\"type\":\"message\",\"channel\":\"forum_threads:42\",\"offset\":57,"
            + "\"epoch\":\"e:2\",\"event\":\"comment.created\",\"ts\":1763800000123,\"content_type\":\"%s\"}";
    private static final String DATA = "{\"comments\":[{\"n\":1,\"text\":\"héllo\"},{\"n\":2}]}";

    private final BinaryFrameDecoder decoder = new BinaryFrameDecoder(JSON, new PayloadInflater(1024 * 1024));

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "3"})
    void compressedJsonArrivesAsItsJsonValueInEveryEncoding(int encoding) throws IOException {
        byte[] payload = encode(encoding, DATA.getBytes(StandardCharsets.UTF_8));
        Message message = decoder.decode(frame(0x04, encoding, String.format(METADATA, "application/json"), payload));

        assertThat(message.kind()).isEqualTo(Message.Kind.COMPRESSED_JSON);
        assertThat(message.data()).isEqualTo(JSON.readTree(DATA));
        assertThat(message.payload()).isEmpty();
        assertThat(message.channel()).isEqualTo("forum_threads:42");
        assertThat(message.offset()).isEqualTo(57);
        assertThat(message.epoch()).isEqualTo("e:2");
        assertThat(message.event()).isEqualTo("comment.created");
        assertThat(message.ts()).isEqualTo(1763800000123L);
        assertThat(message.replayed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "1, IMAGE, image/png, 0",
        "2, AUDIO, audio/ogg, 1",
        "3, VIDEO, video/mp4, 2",
        "5, CUSTOM, application/x-thing, 3"
    })
    void mediaKindsKeepTheirBytesInflatedAndTheirContentType(int kind, Message.Kind expected, String type, int encoding)
            throws IOException {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 % 251);
        }
        Message message = decoder.decode(frame(kind, encoding, String.format(METADATA, type), encode(encoding, bytes)));

        assertThat(message.kind()).isEqualTo(expected);
        assertThat(message.payload()).isEqualTo(bytes);
        assertThat(message.contentType()).isEqualTo(type);
        assertThat(message.data().isNull()).isTrue();
    }

    @Test
    void aReplayedCopySaysSo() {
        String metadata = "{\"type\":\"message\",\"channel\":\"metrics\",\"offset\":3,\"epoch\":\"e:0\",\"ts\":1,"
                + "\"replayed\":true,\"content_type\":\"application/json\"}";
        Message message = decoder.decode(frame(0x04, 0, metadata, "42".getBytes(StandardCharsets.UTF_8)));
        assertThat(message.replayed()).isTrue();
        assertThat(message.event()).isNull();
        assertThat(message.data().asInt()).isEqualTo(42);
    }

    @Test
    void refusesFramesThatDoNotFollowTheLayout() {
        String metadata = String.format(METADATA, "application/json");
        byte[] good = frame(0x04, 0, metadata, "1".getBytes(StandardCharsets.UTF_8));
        byte[] badMagic = good.clone();
        badMagic[0] = 0x54;
        byte[] badKind = good.clone();
        badKind[2] = 0x09;
        byte[] badEncoding = good.clone();
        badEncoding[3] = 0x04;
        byte[] longMetadata = good.clone();
        ByteBuffer.wrap(longMetadata, 4, 4).putInt(good.length);

        for (byte[] frame : new byte[][] {badMagic, badKind, badEncoding, longMetadata, new byte[] {0x53, 0x01}}) {
            assertThatThrownBy(() -> decoder.decode(frame))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code())
                            .isEqualTo("bad_frame"));
        }
    }

    @Test
    void refusesCorruptPayloadsMetadataThatIsNotAnObjectAndJsonThatIsNotJson() {
        String metadata = String.format(METADATA, "application/json");
        byte[][] frames = {
            frame(0x04, 1, metadata, "not gzip".getBytes(StandardCharsets.UTF_8)),
            frame(0x04, 0, metadata, "{not json".getBytes(StandardCharsets.UTF_8)),
            frame(0x04, 0, "[1,2]", "1".getBytes(StandardCharsets.UTF_8)),
            frame(0x04, 0, metadata.replace("\"message\"", "\"subscribed\""), "1".getBytes(StandardCharsets.UTF_8)),
            frame(0x04, 0, metadata.replace("\"offset\":57,", ""), "1".getBytes(StandardCharsets.UTF_8))
        };
        for (byte[] frame : frames) {
            assertThatThrownBy(() -> decoder.decode(frame))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code())
                            .isEqualTo("bad_frame"));
        }
    }

    @Test
    void givesUpOnAPayloadThatInflatesPastTheBound() throws IOException {
        BinaryFrameDecoder small = new BinaryFrameDecoder(JSON, new PayloadInflater(1000));
        byte[] bomb = encode(1, new byte[100_000]);
        byte[] frame = frame(0x05, 1, String.format(METADATA, "application/octet-stream"), bomb);

        assertThatThrownBy(() -> small.decode(frame))
                .isInstanceOfSatisfying(
                        SwitchboardException.class, e -> assertThat(e.code()).isEqualTo("message_too_large"));
    }

    static byte[] frame(int kind, int encoding, String metadata, byte[] payload) {
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + meta.length + payload.length)
                .put((byte) 0x53)
                .put((byte) 0x01)
                .put((byte) kind)
                .put((byte) encoding)
                .putInt(meta.length)
                .put(meta)
                .put(payload)
                .array();
    }

    static byte[] encode(int encoding, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (encoding) {
            case 0 -> out.write(bytes);
            case 1 -> {
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(bytes);
                }
            }
            case 2 -> {
                try (DeflaterOutputStream raw = new DeflaterOutputStream(out, new Deflater(6, true))) {
                    raw.write(bytes);
                }
            }
            case 3 -> out.write(Zstd.compress(bytes));
            default -> throw new IllegalArgumentException("encoding " + encoding);
        }
        return out.toByteArray();
    }
}
