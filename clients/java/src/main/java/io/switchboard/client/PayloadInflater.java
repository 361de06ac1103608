package io.switchboard.client;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Inflates the payload of a binary frame: gzip, raw deflate (RFC 1951, no zlib header) or zstd, giving up past a
 * bound, since a small frame can inflate to gigabytes.
 */
final class PayloadInflater {
    /** The most a payload may inflate to, as the gateway itself bounds it. */
    static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    /** Payload encodings by their byte in a binary frame; the names are those of {@code accept_encoding}. */
    enum Encoding {
        NONE,
        GZIP,
        DEFLATE,
        ZSTD;

        static Encoding ofByte(int value) {
            Encoding[] all = values();
            return value >= 0 && value < all.length ? all[value] : null;
        }

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int maxBytes;

    PayloadInflater(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The inflated bytes; {@code bad_frame} when they are not valid, {@code message_too_large} past the bound. */
    byte[] inflate(byte[] payload, Encoding encoding) {
        if (encoding == Encoding.NONE) {
            return payload;
        }
        try (InputStream in = open(payload, encoding)) {
            return readBounded(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SwitchboardException known) {
                throw known;
            }
            throw new SwitchboardException(
                    "bad_frame", "a payload is not valid " + encoding.wireName() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(byte[] payload, Encoding encoding) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        return switch (encoding) {
            case GZIP -> new GZIPInputStream(bytes);
            case DEFLATE ->
                new InflaterInputStream(bytes, new Inflater(true)) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        inf.end(); // an Inflater given to the stream is not ended by it
                    }
                };
            case ZSTD -> new ZstdInputStream(bytes);
            case NONE -> bytes;
        };
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (out.size() + read > maxBytes) {
                throw new SwitchboardException(
                        "message_too_large", "a payload inflates to more than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
