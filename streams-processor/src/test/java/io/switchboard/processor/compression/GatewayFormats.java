package io.switchboard.processor.compression;

import com.github.luben.zstd.ZstdInputStream;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The gateway's inflating (gateway PayloadInflater), copied because the processor may not depend on the gateway:
 * what the processor writes must read back through exactly these streams.
 */
public final class GatewayFormats {
    private GatewayFormats() {}

    public static byte[] inflate(PayloadEncoding encoding, byte[] data) {
        try (InputStream in = open(encoding, new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(PayloadEncoding encoding, InputStream raw) throws IOException {
        return switch (encoding) {
            case GZIP -> new GZIPInputStream(raw);
            case DEFLATE -> new InflaterInputStream(raw, new Inflater(true));
            case ZSTD -> new ZstdInputStream(raw);
            case NONE -> raw;
        };
    }
}
