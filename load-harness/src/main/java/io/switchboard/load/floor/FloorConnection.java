package io.switchboard.load.floor;

import io.switchboard.load.ws.Upgrade;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One client of the floor server: its upgrade, its one subscribe (answered, whatever it says), then frames written
 * as they come, and what the socket did not take kept in order until it drains.
 */
final class FloorConnection {
    private static final int MAX_HEAD = 8192;
    private static final int GATHER = 64;

    private final SocketChannel socket;
    private final SelectionKey key;
    private final ByteBuffer inbound = ByteBuffer.allocate(MAX_HEAD);
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(4);
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];
    private boolean upgraded;
    private boolean subscribed;

    FloorConnection(SocketChannel socket, SelectionKey key) {
        this.socket = socket;
        this.key = key;
    }

    boolean subscribed() {
        return subscribed;
    }

    /** Reads what the client sent; false once the connection is over. */
    boolean read(ByteBuffer subscribedFrame) throws IOException {
        int n = socket.read(inbound);
        if (n < 0) {
            return false;
        }
        if (!upgraded) {
            int end = Upgrade.headEnd(inbound.array(), inbound.position());
            if (end < 0) {
                return inbound.hasRemaining();
            }
            String head = new String(inbound.array(), 0, end, StandardCharsets.US_ASCII);
            inbound.clear();
            upgraded = true;
            send(List.of(ByteBuffer.wrap(answer(head))));
            return true;
        }
        inbound.clear(); // the subscribe, then pongs and the close: only the first matters here
        if (!subscribed) {
            subscribed = true;
            send(List.of(subscribedFrame));
            return true;
        }
        return true;
    }

    /** Writes {@code frames} (shared: each gets its own view) in gathering writes, after what is still pending. */
    void send(List<ByteBuffer> frames) throws IOException {
        boolean idle = pending.isEmpty();
        for (ByteBuffer frame : frames) {
            pending.add(frame.duplicate());
        }
        if (idle) {
            drain();
        }
    }

    /** Writes what is pending, as much as the socket takes; what it does not take waits for OP_WRITE. */
    void drain() throws IOException {
        while (!pending.isEmpty()) {
            int count = 0;
            for (ByteBuffer frame : pending) {
                if (count == GATHER) {
                    break;
                }
                gather[count++] = frame;
            }
            socket.write(gather, 0, count);
            while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
                pending.poll();
            }
            if (gather[count - 1].hasRemaining()) {
                break; // the socket is full
            }
        }
        int ops = key.interestOps();
        key.interestOps(pending.isEmpty() ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE);
    }

    void close() {
        key.cancel();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static byte[] answer(String head) {
        String key = head.lines()
                .filter(l -> l.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18))
                .map(l -> l.substring(18).trim())
                .findFirst()
                .orElse("");
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + Upgrade.accept(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
