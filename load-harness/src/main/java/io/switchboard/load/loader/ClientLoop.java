package io.switchboard.load.loader;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.ws.ClientFrames;
import io.switchboard.load.ws.FrameParser;
import io.switchboard.load.ws.WsProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients of the gateways on one thread and one selector, as the scale and presence loaders run them: the select
 * loop with its housekeeping, the first connections a bounded number at a time, the non-blocking connect and the
 * upgrade, reads into one large direct buffer parsed in place (as in {@link Loader}), pings answered. The subclass
 * fills {@link #clients} and says what a client sends once upgraded, what a text frame means, and what becomes of a
 * client whose socket ends.
 */
abstract class ClientLoop<C extends GatewayClient> implements FrameParser.Handler {
    /** Every client of this loader, in the order of their first connections. Filled by the subclass. */
    final List<C> clients = new ArrayList<>();

    final ClientSockets sockets;
    /** When the read whose frames are being handled arrived (epoch µs). */
    long readMicros;

    private final Selector selector;
    private final ByteBuffer buffer;
    private final int readBufferBytes;
    private final int maxInFlight;
    private final long selectMillis;
    private final long housekeepingNanos;
    private int nextFirst;
    private int firstInFlight;
    private boolean announcedReady;
    private volatile boolean stopping;
    private C current;

    /** Selects for at most {@code selectMillis} at a time; housekeeping every {@code housekeepingMillis}. */
    ClientLoop(ClientLoopSettings settings, long selectMillis, long housekeepingMillis) throws IOException {
        this.selector = Selector.open();
        this.buffer = ByteBuffer.allocateDirect(settings.readBufferBytes());
        this.readBufferBytes = settings.readBufferBytes();
        this.maxInFlight = settings.maxInFlight();
        this.sockets = new ClientSockets(selector, settings.gateways(), settings.perAddress());
        this.selectMillis = selectMillis;
        this.housekeepingNanos = TimeUnit.MILLISECONDS.toNanos(housekeepingMillis);
    }

    /** Called between selects, every housekeeping interval. */
    abstract void housekeeping(long nowNanos);

    /** {@code c}'s upgrade was accepted and its socket is SUBSCRIBING: send what it subscribes to. */
    abstract void upgraded(C c);

    /** A text frame for {@code c}, at {@code frames[start, end)}. */
    abstract void text(C c, ByteBuffer frames, int start, int end);

    /** {@code c}'s socket could not connect; its socket is closed, or null when it could not even be opened. */
    abstract void connectFailed(C c, IOException e);

    /**
     * {@code c}'s socket ended, or must be given up (the subclass closes it, see {@link #closeSocket}): {@code reason}
     * in words, and the server's close code ({@code 1006}: the socket ended or a write failed without one), or 0 when
     * this loop gives up the socket (an unreadable frame or upgrade answer, a refused upgrade).
     */
    abstract void socketLost(C c, String reason, int closeCode);

    /** The gateway refused {@code c}'s upgrade with HTTP {@code status}; {@link #socketLost} follows. */
    void refused(C c, String status) {}

    /** Runs until {@link #requestStop}, then closes every socket and the selector. */
    final void loop() throws IOException {
        long nextHousekeeping = 0;
        while (!stopping) {
            selector.select(selectMillis);
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            if (now >= nextHousekeeping) {
                housekeeping(now);
                nextHousekeeping = now + housekeepingNanos;
            }
        }
        for (C c : clients) {
            if (c.socket != null) {
                c.socket.channel.close();
            }
        }
        selector.close();
    }

    /** Ends {@link #loop} soon; any thread. */
    final void requestStop() {
        stopping = true;
        selector.wakeup();
    }

    /** Opens first connections until {@code maxInFlight} are between their connect and their grant (or failure). */
    final void connectMore(long nowNanos) {
        while (firstInFlight < maxInFlight && nextFirst < clients.size()) {
            firstInFlight++;
            connect(clients.get(nextFirst++), nowNanos);
        }
    }

    /** A first connection was granted, or failed before its grant. */
    final void leftFlight() {
        firstInFlight--;
    }

    /** Prints {@code READY <subscribed> <failed>}, once, when every first connection was granted or failed. */
    final void announceReadyOnce(long subscribed, Map<String, Long> failures) {
        if (!announcedReady && nextFirst == clients.size() && firstInFlight == 0) {
            announcedReady = true;
            System.out.println("READY " + subscribed + " "
                    + failures.values().stream().mapToLong(v -> v).sum());
        }
    }

    /** Opens a socket for {@code c} to its gateway, and sends the upgrade once connected. */
    final void connect(C c, long nowNanos) {
        try {
            c.socket = sockets.open(c, nowNanos);
            if (c.socket.phase == Phase.UPGRADING) {
                send(c, ByteBuffer.wrap(c.socket.upgrade.request()));
            }
        } catch (IOException e) {
            c.socket = null;
            connectFailed(c, e);
        }
    }

    /** Writes {@code frame} to {@code c}'s socket, if it has one; a failed write loses the socket. */
    final void send(C c, ByteBuffer frame) {
        if (c.socket != null && !c.socket.write(frame)) {
            socketLost(c, "write failed", 1006);
        }
    }

    /** Takes {@code c}'s socket (if any) away from it and closes it. */
    static void closeSocket(GatewayClient c) {
        ClientConnection s = c.socket;
        c.socket = null;
        if (s == null) {
            return;
        }
        s.enter(Phase.CLOSED, System.nanoTime());
        try {
            s.channel.close();
        } catch (IOException e) {
            // the peer is gone already
        }
    }

    @SuppressWarnings("unchecked") // every key's attachment is the client whose socket registered it
    private void handle(SelectionKey key) {
        C c = (C) key.attachment();
        if (!key.isValid() || c.socket == null || c.socket.key != key) {
            return;
        }
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            try {
                c.socket.channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                c.socket.enter(Phase.UPGRADING, System.nanoTime());
                send(c, ByteBuffer.wrap(c.socket.upgrade.request()));
            } catch (IOException e) {
                connectFailed(c, e);
                return;
            }
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.socket != null && !c.socket.flush()) {
            socketLost(c, "write failed", 1006);
        }
        if ((ready & SelectionKey.OP_READ) != 0 && c.socket != null) {
            read(c);
        }
    }

    private void read(C c) {
        ClientConnection s = c.socket;
        buffer.clear();
        s.restoreCarry(buffer);
        int n;
        try {
            n = s.channel.read(buffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            socketLost(c, "closed by the server", 1006);
            return;
        }
        readMicros = EpochMicros.now();
        int end = buffer.position();
        int from = s.phase == Phase.UPGRADING ? upgrade(c, end) : 0;
        if (from < 0) {
            return;
        }
        current = c;
        try {
            int consumed = FrameParser.parse(buffer, from, end, readBufferBytes - 16, this);
            if (c.socket == s) {
                s.keepCarry(buffer, consumed, end);
            }
        } catch (WsProtocolException e) {
            socketLost(c, "protocol: " + e.getMessage(), 0);
        }
    }

    /** Reads the upgrade's answer; returns where frames start in the buffer, or -1 while there are none. */
    private int upgrade(C c, int end) {
        int at = c.socket.headBytes(buffer, end);
        if (at == -2) {
            socketLost(c, "upgrade answer too long", 0);
        }
        if (at < 0) {
            return -1;
        }
        String refusal = c.socket.upgrade.refusal(c.socket.head());
        if (refusal != null) {
            String status = refusal.substring(0, 3);
            refused(c, status);
            socketLost(c, "http " + status, 0);
            return -1;
        }
        c.socket.enter(Phase.SUBSCRIBING, System.nanoTime());
        upgraded(c);
        return at;
    }

    @Override
    public final void frame(int opcode, boolean fin, ByteBuffer frames, int start, int end) {
        C c = current;
        if (c.socket == null) {
            return;
        }
        switch (opcode) {
            case FrameParser.TEXT -> text(c, frames, start, end);
            case FrameParser.PING -> {
                byte[] payload = new byte[end - start];
                frames.get(start, payload);
                send(c, ClientFrames.pong(payload));
            }
            case FrameParser.CLOSE -> {
                int code = FrameParser.closeCode(frames, start, end);
                socketLost(c, "close " + code, code);
            }
            default -> {} // pong, binary, continuation: these clients never ask for them
        }
    }
}
