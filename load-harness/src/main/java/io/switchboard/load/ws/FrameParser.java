package io.switchboard.load.ws;

import java.nio.ByteBuffer;

/**
 * Finds the complete RFC 6455 server frames in a range of a buffer, without copying: the handler sees each payload
 * where it lies. A frame cut by the end of the range is left for the caller to keep until more bytes arrive, which is
 * what lets one large read carry hundreds of frames. Server frames are never masked (RFC 6455 §5.1).
 */
public final class FrameParser {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Receives each complete frame; the payload is {@code buffer[start, end)} and is only valid during the call. */
    public interface Handler {
        void frame(int opcode, boolean fin, ByteBuffer buffer, int start, int end);
    }

    private FrameParser() {}

    /**
     * Hands every complete frame of {@code buffer[from, to)} to {@code handler}, using absolute reads only.
     *
     * @param maxPayload the longest payload accepted; a longer one could never fit the caller's read buffer
     * @return the index of the first byte not consumed: {@code to} when the range ended on a frame boundary
     * @throws WsProtocolException on a masked frame or a payload over {@code maxPayload}
     */
    public static int parse(ByteBuffer buffer, int from, int to, int maxPayload, Handler handler)
            throws WsProtocolException {
        int at = from;
        while (to - at >= 2) {
            int b0 = buffer.get(at) & 0xFF;
            int b1 = buffer.get(at + 1) & 0xFF;
            if ((b1 & 0x80) != 0) {
                throw new WsProtocolException("masked frame from the server");
            }
            int length7 = b1 & 0x7F;
            int header = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
            if (to - at < header) {
                return at;
            }
            long length = length7 < 126
                    ? length7
                    : length7 == 126 ? buffer.getShort(at + 2) & 0xFFFF : buffer.getLong(at + 2);
            if (length < 0 || length > maxPayload) {
                throw new WsProtocolException("frame payload of " + length + " bytes, over " + maxPayload);
            }
            int start = at + header;
            int end = start + (int) length;
            if (end > to) {
                return at;
            }
            handler.frame(b0 & 0x0F, (b0 & 0x80) != 0, buffer, start, end);
            at = end;
        }
        return at;
    }

    /** The status code of a close frame's payload; 1005 (no status received) when it carries none. */
    public static int closeCode(ByteBuffer buffer, int start, int end) {
        return end - start >= 2 ? buffer.getShort(start) & 0xFFFF : 1005;
    }
}
