package io.switchboard.schemas;

import java.nio.ByteBuffer;

/** Avro hands {@code bytes} fields over as {@link ByteBuffer}s; this copies one out without disturbing it. */
public final class ByteBuffers {
    private ByteBuffers() {}

    /** The remaining bytes of {@code buffer}, copied; its position and limit are left as they were. */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
