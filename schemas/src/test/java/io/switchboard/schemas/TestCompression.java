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

/** Compresses test payloads the way PROTOCOL.md's encodings define them, independently of the code under test. */
final class TestCompression {
    private TestCompression() {}

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
}
