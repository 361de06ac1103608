package io.switchboard.gateway.protocol;

import com.github.luben.zstd.Zstd;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Compresses and inflates test payloads the way PROTOCOL.md's encodings define them, independently of the gateway. */
final class Compression {
    private Compression() {}

    static byte[] compress(PayloadEncoding encoding, byte[] data) {
        if (encoding == PayloadEncoding.ZSTD) {
            return Zstd.compress(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream stream =
                switch (encoding) {
                    case GZIP -> new GZIPOutputStream(out);
                    case DEFLATE -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true));
                    default -> out;
                }) {
            stream.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

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
