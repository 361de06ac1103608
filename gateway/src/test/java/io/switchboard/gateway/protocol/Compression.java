package io.switchboard.gateway.protocol;

import com.github.luben.zstd.Zstd;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Inflates test payloads the way PROTOCOL.md's encodings define them, independently of the gateway's inflater; they
 * are compressed with {@link io.switchboard.schemas.PayloadDeflater}.
 */
final class Compression {
    private Compression() {}

    static byte[] inflate(PayloadEncoding encoding, byte[] data) {
        if (encoding == PayloadEncoding.ZSTD) {
            return Zstd.decompress(data, (int) Zstd.getFrameContentSize(data));
        }
        try (var in =
                switch (encoding) {
                    case GZIP -> new GZIPInputStream(new java.io.ByteArrayInputStream(data));
                    case DEFLATE -> new InflaterInputStream(new java.io.ByteArrayInputStream(data), new Inflater(true));
                    default -> new java.io.ByteArrayInputStream(data);
                }) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
