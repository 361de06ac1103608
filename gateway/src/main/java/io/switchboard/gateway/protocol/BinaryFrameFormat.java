package io.switchboard.gateway.protocol;

import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;

/**
 * The binary frame layout of PROTOCOL.md ("Binary frames"), the same in both directions: magic {@code 0x53}, version
 * {@code 0x01}, a kind byte, an encoding byte, the metadata length (4 bytes, unsigned big-endian), the metadata (a
 * UTF-8 JSON object) and the payload.
 */
final class BinaryFrameFormat {
    static final byte MAGIC = 0x53;
    static final byte VERSION = 0x01;
    /** Magic, version, kind, encoding and the metadata length. */
    static final int HEADER_BYTES = 8;

    static final byte KIND_IMAGE = 0x01;
    static final byte KIND_AUDIO = 0x02;
    static final byte KIND_VIDEO = 0x03;
    /** A JSON payload in a compressed encoding; inflated, it is exactly the JSON value {@code data} would hold. */
    static final byte KIND_COMPRESSED_JSON = 0x04;

    static final byte KIND_CUSTOM = 0x05;

    static final byte ENCODING_NONE = 0x00;
    static final byte ENCODING_GZIP = 0x01;
    /** Raw deflate (RFC 1951, no zlib header). */
    static final byte ENCODING_DEFLATE = 0x02;

    static final byte ENCODING_ZSTD = 0x03;

    private BinaryFrameFormat() {}

    /** The kind byte of a payload kind; a JSON payload only travels in a binary frame compressed. */
    static byte kindByte(PayloadKind kind) {
        return switch (kind) {
            case IMAGE -> KIND_IMAGE;
            case AUDIO -> KIND_AUDIO;
            case VIDEO -> KIND_VIDEO;
            case JSON -> KIND_COMPRESSED_JSON;
            case CUSTOM -> KIND_CUSTOM;
        };
    }

    /** The payload kind of a kind byte ({@code COMPRESSED_JSON} is JSON); null for an unknown byte. */
    static PayloadKind kindOf(byte kind) {
        return switch (kind) {
            case KIND_IMAGE -> PayloadKind.IMAGE;
            case KIND_AUDIO -> PayloadKind.AUDIO;
            case KIND_VIDEO -> PayloadKind.VIDEO;
            case KIND_COMPRESSED_JSON -> PayloadKind.JSON;
            case KIND_CUSTOM -> PayloadKind.CUSTOM;
            default -> null;
        };
    }

    static byte encodingByte(PayloadEncoding encoding) {
        return switch (encoding) {
            case NONE -> ENCODING_NONE;
            case GZIP -> ENCODING_GZIP;
            case DEFLATE -> ENCODING_DEFLATE;
            case ZSTD -> ENCODING_ZSTD;
        };
    }

    /** The payload encoding of an encoding byte; null for an unknown byte. */
    static PayloadEncoding encodingOf(byte encoding) {
        return switch (encoding) {
            case ENCODING_NONE -> PayloadEncoding.NONE;
            case ENCODING_GZIP -> PayloadEncoding.GZIP;
            case ENCODING_DEFLATE -> PayloadEncoding.DEFLATE;
            case ENCODING_ZSTD -> PayloadEncoding.ZSTD;
            default -> null;
        };
    }
}
