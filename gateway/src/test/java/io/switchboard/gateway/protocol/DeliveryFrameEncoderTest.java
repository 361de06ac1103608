package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DeliveryFrameEncoderTest {
    private static final Instant TIME = Instant.ofEpochMilli(1763800000123L);
    private static final String DATA = "{\"request_id\":7,\"status\":\"approved\",\"note\":\"\\u00e9\"}";

    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();

    @Test
    void writesAJsonPayloadAsAMessageTextFrameWithTheDataUntouched() {
        Frame frame = encoder.encode(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8(DATA), false), 57, "T:1");

        assertThat(frame.isBinary()).isFalse();
        assertThat(frame.asText())
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":57,\"epoch\":\"T:1\","
                        + "\"event\":\"status_changed\",\"data\":" + DATA + ",\"ts\":1763800000123}");
    }

    @Test
    void marksTheFrameWithItsChannelPosition() {
        Frame frame = encoder.encode(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8(DATA), false), 57, "T:1");

        assertThat(frame.channel()).isEqualTo("book_requests");
        assertThat(frame.position()).isEqualTo(new Position(57, "T:1"));
    }

    @Test
    void marksReplayedCopiesAndEscapesNames() {
        Delivery delivery = delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("1"), true);
        delivery.setEvent("say \"hi\"");

        assertThat(encoder.encode(delivery, 3, "T:0").asText())
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":3,\"epoch\":\"T:0\","
                        + "\"event\":\"say \\\"hi\\\"\",\"data\":1,\"ts\":1763800000123,\"replayed\":true}");
    }

    @Test
    void writesAnAbsentEventAsNull() {
        Delivery delivery = delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("true"), false);
        delivery.setEvent(null);

        assertThat(encoder.encode(delivery, 0, "T:0").asText()).contains("\"event\":null,\"data\":true");
    }

    @Test
    void inflatesCompressedJsonOnce() throws Exception {
        for (PayloadEncoding encoding :
                new PayloadEncoding[] {PayloadEncoding.GZIP, PayloadEncoding.DEFLATE, PayloadEncoding.ZSTD}) {
            Frame frame = encoder.encode(
                    delivery(PayloadKind.JSON, encoding, compress(encoding, utf8(DATA)), false), 1, "T:0");

            assertThat(frame.isBinary()).as("%s", encoding).isFalse();
            assertThat(frame.asText()).as("%s", encoding).contains("\"data\":" + DATA + ",");
        }
    }

    @Test
    void writesABinaryKindAsABinaryFrame() {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Delivery delivery = delivery(PayloadKind.IMAGE, PayloadEncoding.NONE, image, false);
        delivery.getPayload().setContentType("image/png");

        ByteBuffer frame = encoder.encode(delivery, 12, "T:2").payload();

        assertThat(frame.get()).isEqualTo((byte) 0x53);
        assertThat(frame.get()).isEqualTo((byte) 0x01);
        assertThat(frame.get()).isEqualTo((byte) 0x01);
        assertThat(frame.get()).isEqualTo((byte) 0x00);
        byte[] metadata = new byte[frame.getInt()];
        frame.get(metadata);
        assertThat(new String(metadata, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":12,\"epoch\":\"T:2\","
                        + "\"event\":\"status_changed\",\"ts\":1763800000123,\"content_type\":\"image/png\"}");
        byte[] payload = new byte[frame.remaining()];
        frame.get(payload);
        assertThat(payload).isEqualTo(image);
    }

    @Test
    void inflatesACompressedBinaryPayloadAndSendsItWithEncodingNone() throws Exception {
        byte[] audio = new byte[5000];
        Arrays.fill(audio, (byte) 7);
        Delivery delivery =
                delivery(PayloadKind.AUDIO, PayloadEncoding.GZIP, compress(PayloadEncoding.GZIP, audio), false);

        ByteBuffer frame = encoder.encode(delivery, 1, "T:0").payload();

        assertThat(frame.get(2)).isEqualTo((byte) 0x02);
        assertThat(frame.get(3)).isEqualTo((byte) 0x00);
        assertThat(frame.remaining() - 8 - frame.getInt(4)).isEqualTo(audio.length);
    }

    @Test
    void refusesAPayloadThatDoesNotInflate() {
        Delivery delivery = delivery(PayloadKind.JSON, PayloadEncoding.GZIP, utf8("not gzip"), false);

        assertThatThrownBy(() -> encoder.encode(delivery, 1, "T:0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPayloadThatInflatesBeyondTheLimit() throws Exception {
        byte[] huge = new byte[DeliveryFrameEncoder.MAX_INFLATED_BYTES + 1];
        Delivery delivery =
                delivery(PayloadKind.JSON, PayloadEncoding.ZSTD, compress(PayloadEncoding.ZSTD, huge), false);

        assertThatThrownBy(() -> encoder.encode(delivery, 1, "T:0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than");
    }

    @Test
    void buildsOneFrameThatEveryReaderSeesWhole() {
        Frame frame = encoder.encode(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("1"), false), 1, "T:0");

        ByteBuffer first = frame.payload();
        first.position(first.limit());

        assertThat(frame.payload().remaining()).isEqualTo(frame.size());
        assertThat(frame.payload().isReadOnly()).isTrue();
    }

    static Delivery delivery(PayloadKind kind, PayloadEncoding encoding, byte[] data, boolean replayed) {
        return Delivery.newBuilder()
                .setChannel("book_requests")
                .setEventId("e-1")
                .setEvent("status_changed")
                .setTime(TIME)
                .setPayload(new Payload(kind, "application/json", encoding, ByteBuffer.wrap(data)))
                .setReplayed(replayed)
                .build();
    }

    private static byte[] compress(PayloadEncoding encoding, byte[] data) throws Exception {
        if (encoding == PayloadEncoding.ZSTD) {
            return Zstd.compress(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = encoding == PayloadEncoding.GZIP
                ? new GZIPOutputStream(out)
                : new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            stream.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
