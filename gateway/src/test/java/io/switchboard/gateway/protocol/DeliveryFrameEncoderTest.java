package io.switchboard.gateway.protocol;

import static io.switchboard.gateway.protocol.Compression.inflate;
import static io.switchboard.schemas.PayloadDeflater.compress;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryFrameEncoderTest {
    static final Instant TIME = Instant.ofEpochMilli(1763800000123L);
    private static final String DATA = "{\"request_id\":7,\"status\":\"approved\",\"note\":\"\\u00e9\"}";
    private static final Set<PayloadEncoding> NO_ENCODING = Set.of();
    private static final Set<PayloadEncoding> EVERY_ENCODING =
            EnumSet.of(PayloadEncoding.GZIP, PayloadEncoding.DEFLATE, PayloadEncoding.ZSTD);

    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();

    @Test
    void writesAJsonPayloadAsAMessageTextFrameWithTheDataUntouched() {
        Frame frame = frame(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8(DATA), false), 57, "T:1");

        assertThat(frame.isBinary()).isFalse();
        assertThat(FrameText.of(frame))
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":57,\"epoch\":\"T:1\","
                        + "\"event\":\"status_changed\",\"data\":" + DATA + ",\"ts\":1763800000123}");
    }

    @Test
    void sendsAnUncompressedJsonPayloadAsTextEvenToAClientThatInflates() {
        Frame frame = encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8(DATA), false), 57, "T:1")
                .frameFor(EVERY_ENCODING);

        assertThat(frame.isBinary()).isFalse();
        assertThat(FrameText.of(frame)).contains("\"data\":" + DATA + ",");
    }

    @Test
    void marksEachFormWithItsChannelPosition() {
        byte[] gzip = compress(PayloadEncoding.GZIP, utf8(DATA));
        DeliveryFrames frames =
                encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.GZIP, gzip, false), 57, "T:1");

        for (Frame frame : new Frame[] {frames.frameFor(NO_ENCODING), frames.frameFor(EVERY_ENCODING)}) {
            assertThat(frame.channel()).isEqualTo("book_requests");
            assertThat(frame.position()).isEqualTo(new Position(57, "T:1"));
        }
    }

    @Test
    void marksReplayedCopiesAndEscapesNames() {
        Delivery delivery = delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("1"), true);
        delivery.setEvent("say \"hi\"");

        assertThat(FrameText.of(frame(delivery, 3, "T:0")))
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":3,\"epoch\":\"T:0\","
                        + "\"event\":\"say \\\"hi\\\"\",\"data\":1,\"ts\":1763800000123,\"replayed\":true}");
    }

    @Test
    void writesAnAbsentEventAsNull() {
        Delivery delivery = delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("true"), false);
        delivery.setEvent(null);

        assertThat(FrameText.of(frame(delivery, 0, "T:0"))).contains("\"event\":null,\"data\":true");
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void inflatesCompressedJsonIntoTheMessageTextFrameForAClientThatDidNotAnnounceItsEncoding(
            PayloadEncoding encoding) {
        Set<PayloadEncoding> others = EnumSet.complementOf(EnumSet.of(encoding, PayloadEncoding.NONE));
        DeliveryFrames frames =
                encoder.frames(delivery(PayloadKind.JSON, encoding, compress(encoding, utf8(DATA)), false), 1, "T:0");

        for (Set<PayloadEncoding> accepted : java.util.List.of(NO_ENCODING, others)) {
            Frame frame = frames.frameFor(accepted);
            assertThat(frame.isBinary()).as("%s", accepted).isFalse();
            assertThat(FrameText.of(frame))
                    .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":1,\"epoch\":\"T:0\","
                            + "\"event\":\"status_changed\",\"data\":" + DATA + ",\"ts\":1763800000123}");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void sendsCompressedJsonAsStoredInACompressedJsonFrameToAClientThatAnnouncedItsEncoding(PayloadEncoding encoding) {
        byte[] stored = compress(encoding, utf8(DATA));
        Frame frame = encoder.frames(delivery(PayloadKind.JSON, encoding, stored, true), 12, "T:2")
                .frameFor(EnumSet.of(encoding));

        assertThat(frame.isBinary()).isTrue();
        BinaryFrame binary = BinaryFrame.parse(frame.payload());
        assertThat(binary.kind()).isEqualTo(BinaryFrameFormat.KIND_COMPRESSED_JSON);
        assertThat(binary.encoding()).isEqualTo(BinaryFrameFormat.encodingByte(encoding));
        assertThat(binary.metadata())
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":12,\"epoch\":\"T:2\","
                        + "\"event\":\"status_changed\",\"ts\":1763800000123,\"replayed\":true,"
                        + "\"content_type\":\"application/json\"}");
        assertThat(binary.payload()).as("the bytes as stored").isEqualTo(stored);
        assertThat(new String(inflate(encoding, binary.payload()), StandardCharsets.UTF_8))
                .isEqualTo(DATA);
    }

    @Test
    void writesABinaryKindAsABinaryFrame() {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Delivery delivery = delivery(PayloadKind.IMAGE, PayloadEncoding.NONE, image, false);
        delivery.getPayload().setContentType("image/png");

        BinaryFrame frame = BinaryFrame.parse(frame(delivery, 12, "T:2").payload());

        assertThat(frame.kind()).isEqualTo(BinaryFrameFormat.KIND_IMAGE);
        assertThat(frame.encoding()).isEqualTo(BinaryFrameFormat.ENCODING_NONE);
        assertThat(frame.metadata())
                .isEqualTo("{\"type\":\"message\",\"channel\":\"book_requests\",\"offset\":12,\"epoch\":\"T:2\","
                        + "\"event\":\"status_changed\",\"ts\":1763800000123,\"content_type\":\"image/png\"}");
        assertThat(frame.payload()).isEqualTo(image);
    }

    @Test
    void inflatesACompressedBinaryPayloadAndSendsItWithEncodingNoneToAClientThatDidNotAnnounceIt() {
        byte[] audio = new byte[5000];
        Arrays.fill(audio, (byte) 7);
        Delivery delivery =
                delivery(PayloadKind.AUDIO, PayloadEncoding.GZIP, compress(PayloadEncoding.GZIP, audio), false);

        BinaryFrame frame = BinaryFrame.parse(encoder.frames(delivery, 1, "T:0")
                .frameFor(EnumSet.of(PayloadEncoding.ZSTD))
                .payload());

        assertThat(frame.kind()).isEqualTo(BinaryFrameFormat.KIND_AUDIO);
        assertThat(frame.encoding()).isEqualTo(BinaryFrameFormat.ENCODING_NONE);
        assertThat(frame.payload()).isEqualTo(audio);
    }

    @Test
    void sendsACompressedBinaryPayloadAsStoredWithItsOwnKindToAClientThatAnnouncedItsEncoding() {
        byte[] audio = new byte[5000];
        Arrays.fill(audio, (byte) 7);
        byte[] stored = compress(PayloadEncoding.ZSTD, audio);
        Delivery delivery = delivery(PayloadKind.AUDIO, PayloadEncoding.ZSTD, stored, false);

        BinaryFrame frame = BinaryFrame.parse(
                encoder.frames(delivery, 1, "T:0").frameFor(EVERY_ENCODING).payload());

        assertThat(frame.kind()).isEqualTo(BinaryFrameFormat.KIND_AUDIO);
        assertThat(frame.encoding()).isEqualTo(BinaryFrameFormat.ENCODING_ZSTD);
        assertThat(frame.payload()).isEqualTo(stored);
    }

    @Test
    void buildsOneFrameThatEveryReaderSeesWhole() {
        Frame frame = frame(delivery(PayloadKind.JSON, PayloadEncoding.NONE, utf8("1"), false), 1, "T:0");

        ByteBuffer first = frame.payload();
        first.position(first.limit());

        assertThat(frame.payload().remaining()).isEqualTo(frame.size());
        assertThat(frame.payload().isReadOnly()).isTrue();
    }

    private Frame frame(Delivery delivery, long offset, String epoch) {
        return encoder.frames(delivery, offset, epoch).frameFor(NO_ENCODING);
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

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A binary frame read by PROTOCOL.md's layout. */
    record BinaryFrame(byte kind, byte encoding, String metadata, byte[] payload) {
        static BinaryFrame parse(ByteBuffer frame) {
            assertThat(frame.get()).as("magic").isEqualTo((byte) 0x53);
            assertThat(frame.get()).as("version").isEqualTo((byte) 0x01);
            byte kind = frame.get();
            byte encoding = frame.get();
            byte[] metadata = new byte[frame.getInt()];
            frame.get(metadata);
            byte[] payload = new byte[frame.remaining()];
            frame.get(payload);
            return new BinaryFrame(kind, encoding, new String(metadata, StandardCharsets.UTF_8), payload);
        }
    }
}
