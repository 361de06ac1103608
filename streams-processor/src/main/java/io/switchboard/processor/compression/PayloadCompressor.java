package io.switchboard.processor.compression;

import io.switchboard.schemas.ByteBuffers;
import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.nio.ByteBuffer;

/**
 * Compresses a payload once, in the processor, so that gateways can hand the same compressed bytes to every
 * client that accepts them. A payload is compressed when it is not encoded yet and its data is at least its
 * family's threshold; the result is kept only when it saves at least {@link #MIN_SAVING_PERCENT} % (already
 * compressed media stays as it came). The formats are those the gateway inflates: gzip, raw deflate, zstd frames.
 */
public final class PayloadCompressor {
    /** Compression that saves less than this share of the bytes is not worth a client's inflating. */
    static final int MIN_SAVING_PERCENT = 10;

    private final CompressionSettings settings;

    public PayloadCompressor(CompressionSettings settings) {
        this.settings = settings;
    }

    /** What became of one payload: the payload to deliver, and how many bytes compressing it saved (0 if not). */
    public record Outcome(Payload payload, int bytesSaved) {
        boolean compressed() {
            return bytesSaved > 0;
        }
    }

    /** {@code payload} compressed for a channel of {@code family}, or {@code payload} itself when it stays. */
    public Outcome compress(String family, Payload payload) {
        ByteBuffer data = payload.getData();
        if (settings.codec() == CompressionCodec.NONE
                || payload.getEncoding() != PayloadEncoding.NONE
                || data.remaining() < settings.minBytesFor(family)
                || data.remaining() == 0) {
            return new Outcome(payload, 0);
        }
        byte[] original = ByteBuffers.bytes(data);
        byte[] compressed = PayloadDeflater.compress(settings.codec().encoding(), original);
        int saved = original.length - compressed.length;
        if ((long) saved * 100 < (long) original.length * MIN_SAVING_PERCENT) {
            return new Outcome(payload, 0);
        }
        Payload smaller = Payload.newBuilder(payload)
                .setEncoding(settings.codec().encoding())
                .setData(ByteBuffer.wrap(compressed))
                .build();
        return new Outcome(smaller, saved);
    }
}
