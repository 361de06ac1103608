package io.switchboard.load.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Client-to-server frames: always masked (RFC 6455 §5.3), small, and sent rarely (subscribe, pong). */
public final class ClientFrames {
    private ClientFrames() {}

    /** A masked text frame of {@code text}. */
    public static ByteBuffer text(String text) {
        return masked(FrameParser.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The pong answering a ping with {@code payload} (which must be echoed, RFC 6455 §5.5.3). */
    public static ByteBuffer pong(byte[] payload) {
        return masked(FrameParser.PONG, payload);
    }

    /** One final frame with {@code opcode}, masked with a random key. */
    static ByteBuffer masked(int opcode, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (lengthBytes == 0) {
            frame.put((byte) (0x80 | length));
        } else if (lengthBytes == 2) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }
}
