package io.switchboard.gateway.server;

import java.nio.ByteBuffer;

/** The RFC 6455 header of a frame a server sends: never masked, so 2 to 10 bytes. */
final class FrameHeader {
    /** The longest header a server writes: 2 bytes and an 8-byte length. */
    static final int MAX_BYTES = 10;

    static final byte FIN = (byte) 0x80;
    static final byte CONTINUATION = 0x0;
    static final byte TEXT = 0x1;
    static final byte BINARY = 0x2;
    static final byte PING = 0x9;
    static final byte PONG = 0xA;

    private FrameHeader() {}

    /** Puts the header: {@code first} is the first byte (FIN, RSV, opcode), then the payload length. */
    static void put(ByteBuffer header, byte first, long length) {
        header.put(first);
        if (length <= 125) {
            header.put((byte) length);
        } else if (length <= 0xFFFF) {
            header.put((byte) 126);
            header.putShort((short) length);
        } else {
            header.put((byte) 127);
            header.putLong(length);
        }
    }

    /** The header's size for a payload of this length. */
    static int size(long length) {
        return length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
    }
}
