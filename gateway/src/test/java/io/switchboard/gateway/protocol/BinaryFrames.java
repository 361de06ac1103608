package io.switchboard.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes client binary frames in PROTOCOL.md's layout, for tests. */
public final class BinaryFrames {
    private BinaryFrames() {}

    /** A frame with these kind and encoding bytes, this metadata text (UTF-8) and this payload. */
    public static byte[] frame(int kind, int encoding, String metadata, byte[] payload) {
        return frame(kind, encoding, metadata.getBytes(StandardCharsets.UTF_8), payload);
    }

    public static byte[] frame(int kind, int encoding, byte[] metadata, byte[] payload) {
        return ByteBuffer.allocate(8 + metadata.length + payload.length)
                .put((byte) 0x53)
                .put((byte) 0x01)
                .put((byte) kind)
                .put((byte) encoding)
                .putInt(metadata.length)
                .put(metadata)
                .put(payload)
                .array();
    }

    /** The metadata of a publish to {@code channel} with this id and content type (left out when null). */
    public static String publish(String id, String channel, String contentType) {
        return "{\"type\":\"publish\"" + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"channel\":\"" + channel
                + "\"" + (contentType == null ? "" : ",\"content_type\":\"" + contentType + "\"") + "}";
    }
}
