package io.switchboard.e2e.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client connection's receiving side: an RFC 6455 frame parser fed with whatever the socket gave, which counts
 * bytes and complete messages and skips payloads without copying them, except on sample connections, where each
 * message is assembled and handed to a {@link SampleCheck}. Selector thread only.
 */
final class WsConnection {
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;

    /** What the owner learns of each complete message. */
    interface Listener {
        void message(WsConnection connection, boolean binary, boolean compressed);

        void failed(WsConnection connection, String reason);
    }

    final int index;
    final SocketChannel channel;
    private final SampleCheck check;
    private final ByteArrayOutputStream assembled;

    long bytesRead;
    int messages;

    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeed = 2;
    private boolean inPayload;
    private long payloadLeft;
    private int opcode;
    private boolean fin;
    private int messageOpcode;
    private boolean messageCompressed;
    private final ByteArrayOutputStream control = new ByteArrayOutputStream(128);

    WsConnection(int index, SocketChannel channel, SampleCheck check) {
        this.index = index;
        this.channel = channel;
        this.check = check;
        this.assembled = check == null ? null : new ByteArrayOutputStream(32 * 1024);
    }

    boolean sampled() {
        return check != null;
    }

    /** Parses everything {@code buffer} holds (already counted by the caller in {@link #bytesRead}). */
    void consume(ByteBuffer buffer, Listener listener) {
        while (buffer.hasRemaining()) {
            if (!inPayload) {
                header[headerHave++] = buffer.get();
                if (headerHave == 2) {
                    headerNeed = headerLength();
                }
                if (headerHave == headerNeed && !startPayload(listener)) {
                    return;
                }
            } else {
                int n = (int) Math.min(buffer.remaining(), payloadLeft);
                if (opcode >= OPCODE_CLOSE) {
                    control.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                } else if (assembled != null) {
                    assembled.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                }
                buffer.position(buffer.position() + n);
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    frameDone(listener);
                }
            }
        }
    }

    private int headerLength() {
        int length7 = header[1] & 0x7F;
        return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    private boolean startPayload(Listener listener) {
        if ((header[1] & 0x80) != 0) {
            listener.failed(this, "a masked frame from the server");
            return false;
        }
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        int length7 = header[1] & 0x7F;
        payloadLeft = length7 < 126 ? length7 : 0;
        for (int i = 2; i < headerNeed; i++) {
            payloadLeft = (payloadLeft << 8) | (header[i] & 0xFF);
        }
        if (opcode != OPCODE_CONTINUATION && opcode < OPCODE_CLOSE) {
            messageOpcode = opcode;
            messageCompressed = (header[0] & 0x40) != 0;
        }
        headerHave = 0;
        headerNeed = 2;
        inPayload = true;
        if (payloadLeft == 0) {
            frameDone(listener);
        }
        return true;
    }

    private void frameDone(Listener listener) {
        inPayload = false;
        if (opcode == OPCODE_CLOSE) {
            byte[] close = control.toByteArray();
            int code = close.length >= 2 ? ((close[0] & 0xFF) << 8) | (close[1] & 0xFF) : -1;
            listener.failed(this, "closed by the gateway with " + code);
        } else if (opcode < OPCODE_CLOSE && fin) {
            messages++;
            if (check != null) {
                String problem = check.check(messages, messageOpcode, messageCompressed, assembled.toByteArray());
                assembled.reset();
                if (problem != null) {
                    listener.failed(this, "message " + messages + ": " + problem);
                }
            }
            listener.message(this, messageOpcode == OPCODE_BINARY, messageCompressed);
        }
        control.reset();
    }
}
