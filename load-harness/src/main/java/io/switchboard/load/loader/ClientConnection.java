package io.switchboard.load.loader;

import io.switchboard.load.report.SeqTracker;
import io.switchboard.load.ws.Upgrade;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One client socket's state; touched by the loader's selector thread only. */
final class ClientConnection {
    enum Phase {
        CONNECTING,
        UPGRADING,
        SUBSCRIBING,
        SUBSCRIBED,
        CLOSED
    }

    private static final int HEAD_LIMIT = 8 * 1024;

    final int index;
    final SocketChannel channel;
    final Upgrade upgrade;
    final SeqTracker sequence = new SeqTracker();
    SelectionKey key;
    Phase phase = Phase.CONNECTING;
    long phaseSinceNanos;
    /** Close code the server sent (1006 when the socket ended without one); 0 while open or closed by us. */
    int closeCode;

    /** The HTTP answer to the upgrade while it arrives; dropped once read. */
    private byte[] head;

    private int headLength;
    /** The start of a frame cut by the end of the last read, put back in front of the next. */
    private byte[] carry;

    private int carryLength;
    /** Bytes a write left behind (the socket was full); null almost always. */
    private ByteBuffer pendingWrite;

    ClientConnection(int index, SocketChannel channel, Upgrade upgrade, long nowNanos) {
        this.index = index;
        this.channel = channel;
        this.upgrade = upgrade;
        this.phaseSinceNanos = nowNanos;
    }

    /**
     * Writes {@code frame}, keeping what the socket did not take until it is writable again (then {@link #flush()});
     * false when the socket failed.
     */
    boolean write(ByteBuffer frame) {
        if (pendingWrite != null) {
            pendingWrite = ByteBuffer.allocate(pendingWrite.remaining() + frame.remaining())
                    .put(pendingWrite)
                    .put(frame)
                    .flip();
            return true;
        }
        try {
            channel.write(frame);
        } catch (IOException e) {
            return false;
        }
        if (frame.hasRemaining()) {
            pendingWrite = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            key.interestOpsOr(SelectionKey.OP_WRITE);
        }
        return true;
    }

    /** Writes what an earlier {@link #write} left behind; false when the socket failed. */
    boolean flush() {
        try {
            channel.write(pendingWrite);
        } catch (IOException e) {
            return false;
        }
        if (!pendingWrite.hasRemaining()) {
            pendingWrite = null;
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
        }
        return true;
    }

    void enter(Phase next, long nowNanos) {
        phase = next;
        phaseSinceNanos = nowNanos;
    }

    boolean open() {
        return phase != Phase.CLOSED;
    }

    /**
     * Adds the start of {@code buffer[0, end)} to the upgrade answer. Returns the index in {@code buffer} just past
     * the answer's blank line, -1 while it is incomplete, or -2 when it grew too long to be an upgrade answer.
     */
    int headBytes(ByteBuffer buffer, int end) {
        if (head == null) {
            head = new byte[HEAD_LIMIT];
        }
        int before = headLength;
        int n = Math.min(end, HEAD_LIMIT - before);
        buffer.get(0, head, before, n);
        headLength += n;
        int headEnd = Upgrade.headEnd(head, headLength);
        if (headEnd < 0) {
            return headLength == HEAD_LIMIT ? -2 : -1;
        }
        return headEnd - before;
    }

    String head() {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        int blank = text.indexOf("\r\n\r\n");
        head = null;
        return blank < 0 ? text : text.substring(0, blank);
    }

    /** Puts the kept partial frame at the start of {@code buffer} (which the caller has cleared). */
    void restoreCarry(ByteBuffer buffer) {
        if (carryLength > 0) {
            buffer.put(carry, 0, carryLength);
            carryLength = 0;
        }
    }

    /** Keeps {@code buffer[from, end)}, the start of a frame whose rest has not arrived. */
    void keepCarry(ByteBuffer buffer, int from, int end) {
        int n = end - from;
        if (n == 0) {
            return;
        }
        if (carry == null || carry.length < n) {
            carry = new byte[Math.max(n, 512)];
        }
        buffer.get(from, carry, 0, n);
        carryLength = n;
    }
}
