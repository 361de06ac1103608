package io.switchboard.processor.compression;

import io.switchboard.config.ConfigException;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.util.Locale;

/** The codec of {@code processor.compression.codec}; {@link #NONE} switches compression off. */
public enum CompressionCodec {
    NONE(PayloadEncoding.NONE),
    GZIP(PayloadEncoding.GZIP),
    /** Raw deflate (RFC 1951, no zlib header), as the gateway inflates it. */
    DEFLATE(PayloadEncoding.DEFLATE),
    ZSTD(PayloadEncoding.ZSTD);

    private final PayloadEncoding encoding;

    CompressionCodec(PayloadEncoding encoding) {
        this.encoding = encoding;
    }

    /** The payload encoding a payload compressed with this codec carries. */
    PayloadEncoding encoding() {
        return encoding;
    }

    /** The codec named {@code value} (case-insensitive), or a {@link ConfigException} naming {@code key}. */
    public static CompressionCodec parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be one of gzip, deflate, zstd, none, not '" + value + "'");
        }
    }
}
