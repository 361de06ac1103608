package io.switchboard.processor.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadCompressorTest {
    private static final byte[] JSON = SampleJson.ofAbout(20 * 1024);

    @ParameterizedTest
    @EnumSource(
            value = CompressionCodec.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void compressedPayloadInflatesToTheOriginalThroughTheGatewaysFormat(CompressionCodec codec) {
        PayloadCompressor.Outcome outcome = compressor(codec, 1024).compress("logs", json(JSON));

        Payload payload = outcome.payload();
        assertThat(payload.getEncoding()).isEqualTo(codec.encoding());
        assertThat(payload.getKind()).isEqualTo(PayloadKind.JSON);
        assertThat(payload.getContentType()).isEqualTo("application/json");
        assertThat(GatewayFormats.inflate(codec.encoding(), bytes(payload))).isEqualTo(JSON);
        assertThat(outcome.bytesSaved()).isEqualTo(JSON.length - bytes(payload).length);
        assertThat(outcome.bytesSaved()).isGreaterThan(JSON.length / 2);
    }

    @Test
    void payloadBelowTheThresholdStaysAsItCame() {
        Payload small = json(java.util.Arrays.copyOf(JSON, 1023));

        PayloadCompressor.Outcome outcome =
                compressor(CompressionCodec.GZIP, 1024).compress("logs", small);

        assertThat(outcome.payload()).isSameAs(small);
        assertThat(outcome.compressed()).isFalse();
    }

    @Test
    void payloadOfExactlyTheThresholdIsCompressed() {
        Payload atThreshold = json(java.util.Arrays.copyOf(JSON, 1024));

        assertThat(compressor(CompressionCodec.GZIP, 1024)
                        .compress("logs", atThreshold)
                        .compressed())
                .isTrue();
    }

    @Test
    void incompressibleDataIsLeftAsItIs() {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Payload media = Payload.newBuilder()
                .setKind(PayloadKind.IMAGE)
                .setContentType("image/png")
                .setData(ByteBuffer.wrap(noise))
                .build();

        for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.GZIP, CompressionCodec.ZSTD}) {
            PayloadCompressor.Outcome outcome = compressor(codec, 0).compress("status", media);
            assertThat(outcome.payload()).isSameAs(media);
            assertThat(outcome.bytesSaved()).isZero();
        }
    }

    @Test
    void savingUnderTenPercentIsNotWorthIt() {
        // Half noise, half repetition: compresses a little, not 10 %.
        byte[] data = new byte[10_000];
        new Random(3).nextBytes(data);
        for (int i = 0; i < 600; i++) {
            data[i] = 'a';
        }
        Payload payload = json(data);

        assertThat(compressor(CompressionCodec.GZIP, 0)
                        .compress("logs", payload)
                        .payload())
                .isSameAs(payload);
    }

    @Test
    void payloadThatArrivesEncodedIsLeftAlone() {
        byte[] gzipped = PayloadDeflater.compress(PayloadEncoding.GZIP, JSON);
        Payload encoded = Payload.newBuilder()
                .setEncoding(PayloadEncoding.GZIP)
                .setData(ByteBuffer.wrap(gzipped))
                .build();

        PayloadCompressor.Outcome outcome = compressor(CompressionCodec.ZSTD, 0).compress("logs", encoded);

        assertThat(outcome.payload()).isSameAs(encoded);
        assertThat(outcome.compressed()).isFalse();
    }

    @Test
    void codecNoneCompressesNothing() {
        Payload payload = json(JSON);

        assertThat(compressor(CompressionCodec.NONE, 0)
                        .compress("logs", payload)
                        .payload())
                .isSameAs(payload);
    }

    @Test
    void familyThresholdReplacesTheDefaultOne() {
        PayloadCompressor compressor = new PayloadCompressor(
                new CompressionSettings(CompressionCodec.GZIP, 1024, Map.of("logs", 256, "metrics", 100_000)));
        Payload midSized = json(java.util.Arrays.copyOf(JSON, 2000));

        assertThat(compressor.compress("logs", midSized).compressed()).isTrue();
        assertThat(compressor.compress("metrics", midSized).compressed()).isFalse();
        assertThat(compressor.compress("status", midSized).compressed()).isTrue();
    }

    @Test
    void originalBufferIsNotConsumed() {
        Payload payload = json(JSON);

        compressor(CompressionCodec.GZIP, 0).compress("logs", payload);

        assertThat(payload.getData().remaining()).isEqualTo(JSON.length);
    }

    private static PayloadCompressor compressor(CompressionCodec codec, int minBytes) {
        return new PayloadCompressor(new CompressionSettings(codec, minBytes, Map.of()));
    }

    private static Payload json(byte[] data) {
        return Payload.newBuilder().setData(ByteBuffer.wrap(data)).build();
    }

    static byte[] bytes(Payload payload) {
        ByteBuffer view = payload.getData().duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
