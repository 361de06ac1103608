package io.switchboard.load.floor;

import java.nio.ByteBuffer;

/** Unmasked server frames (RFC 6455 §5.2), in direct memory like the gateway's, so a write copies nothing first. */
final class ServerFrames {
    private ServerFrames() {}

    static ByteBuffer text(byte[] payload) {
        int headerBytes = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocateDirect(headerBytes + payload.length);
        frame.put((byte) 0x81);
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else if (payload.length < 65536) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        return frame.put(payload).flip();
    }
}
