package io.switchboard.gateway.protocol;

import com.github.luben.zstd.ZstdInputStream;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Inflates a compressed payload, at most {@code maxBytes} of output so that a small record cannot expand into a
 * huge frame. Used once per record per gateway, never per connection.
 */
final class PayloadInflater {
    private final int maxBytes;

    PayloadInflater(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] inflate(PayloadEncoding encoding, byte[] data) {
        if (encoding == PayloadEncoding.NONE) {
            return data;
        }
        try (InputStream in = open(encoding, new ByteArrayInputStream(data))) {
            return readAtMost(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot inflate " + encoding + " payload: " + e.getMessage(), e);
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

    private byte[] readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = in.read(chunk)) != -1) {
            if (out.size() + read > maxBytes) {
                throw new IOException("inflates to more than " + maxBytes + " bytes");
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }
}
