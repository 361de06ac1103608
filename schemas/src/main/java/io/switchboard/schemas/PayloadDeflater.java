package io.switchboard.schemas;

import com.github.luben.zstd.Zstd;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses a payload into one of the protocol's encodings (gzip, raw deflate without a zlib header, zstd): what
 * {@link PayloadInflater} reads back. The processor compresses large payloads once with it.
 */
public final class PayloadDeflater {
    private PayloadDeflater() {}

    /** {@code data} in {@code encoding}; {@code NONE} returns it as it is. */
    public static byte[] compress(PayloadEncoding encoding, byte[] data) {
        return switch (encoding) {
            case GZIP -> stream(data, GZIPOutputStream::new);
            case DEFLATE -> deflateRaw(data);
            case ZSTD -> Zstd.compress(data);
            case NONE -> data;
        };
    }

    private static byte[] deflateRaw(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return stream(data, out -> new DeflaterOutputStream(out, deflater));
        } finally {
            deflater.end();
        }
    }

    private interface Wrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] stream(byte[] data, Wrapper wrapper) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (OutputStream compressing = wrapper.wrap(out)) {
            compressing.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory compression failed", e);
        }
        return out.toByteArray();
    }
}
