package io.switchboard.load.loader;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.report.Closes;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Many WebSocket clients on one thread and one selector. Each read takes everything a socket holds into one large
 * direct buffer (a read syscall costs about 5 µs here, so a loader reading one frame per call would saturate near
 * 100k messages a second, before the server does); frames are parsed and scanned in place. Pings are answered, so
 * the server's heartbeat never closes a client that is reading.
 */
final class Loader implements FrameParser.Handler {
    private static final long HOUSEKEEPING = TimeUnit.MILLISECONDS.toNanos(250);

    private final LoaderSettings settings;
    private final Selector selector;
    private final ByteBuffer buffer;
    private final List<ClientConnection> connections;
    private final Connector connector;
    private final Deliveries deliveries;
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<Integer, Closes> closes = new TreeMap<>();
    private final String subscribe;
    private int subscribed;
    private long reads;
    private boolean announcedReady;
    private volatile long stopAfter = -1;
    private volatile int openCount;
    private ClientConnection current;
    private long nowMicros;

    Loader(LoaderSettings settings) throws IOException {
        this.settings = settings;
        this.selector = Selector.open();
        this.buffer = ByteBuffer.allocateDirect(settings.readBufferBytes());
        this.connections = new ArrayList<>(settings.clients());
        this.connector = new Connector(this, selector, settings, connections);
        this.deliveries = new Deliveries(settings.warmupEvents());
        this.subscribe = "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"" + settings.channel() + "\"}";
    }

    /** Runs until {@link #stop(long)}, then returns what it saw. */
    LoaderOutcome run() throws IOException {
        long nextHousekeeping = 0;
        while (stopAfter < 0) {
            selector.select(10);
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
            deliveries.publish();
            long now = System.nanoTime();
            if (now >= nextHousekeeping) {
                housekeeping(now);
                nextHousekeeping = now + HOUSEKEEPING;
            }
        }
        LoaderOutcome outcome =
                new LoaderOutcome(settings, subscribed, failures, reads, closes, connections, deliveries, stopAfter);
        for (ClientConnection c : connections) {
            c.channel.close();
        }
        selector.close();
        return outcome;
    }

    /** Asks the loop to end; {@code lastProduced} is the last sequence number the producer sent. */
    void stop(long lastProduced) {
        stopAfter = Math.max(0, lastProduced);
        selector.wakeup();
    }

    long measuredReceived() {
        return deliveries.published();
    }

    int openCount() {
        return openCount;
    }

    private void housekeeping(long now) {
        if (!announcedReady) {
            connector.startMore(now);
            connector.expire(now);
            if (connector.settled()) {
                announcedReady = true;
                System.out.println("READY " + subscribed + " "
                        + failures.values().stream().mapToLong(v -> v).sum());
            } else {
                System.out.println("STATUS connections=" + connections.size() + " subscribed=" + subscribed);
            }
        }
        openCount = (int) connections.stream().filter(ClientConnection::open).count();
    }

    private void handle(SelectionKey key) {
        ClientConnection c = (ClientConnection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            connector.finishConnect(c, System.nanoTime());
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.open()) {
            flush(c);
        }
        if ((ready & SelectionKey.OP_READ) != 0 && c.open()) {
            read(c);
        }
    }

    private void read(ClientConnection c) {
        buffer.clear();
        c.restoreCarry(buffer);
        int n;
        try {
            n = c.channel.read(buffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            closed(c, 1006);
            return;
        }
        reads++;
        nowMicros = EpochMicros.now();
        int end = buffer.position();
        int from = c.phase == Phase.UPGRADING ? upgraded(c, end) : 0;
        if (from < 0) {
            return;
        }
        current = c;
        try {
            int consumed = FrameParser.parse(buffer, from, end, settings.readBufferBytes() - 16, this);
            if (c.open()) {
                c.keepCarry(buffer, consumed, end);
            }
        } catch (WsProtocolException e) {
            failed(c, "protocol: " + e.getMessage());
        }
    }

    /** Reads the upgrade's answer; returns where frames start in the buffer, or -1 while there are none. */
    private int upgraded(ClientConnection c, int end) {
        int at = c.headBytes(buffer, end);
        if (at == -2) {
            failed(c, "upgrade answer too long");
        }
        if (at < 0) {
            return -1;
        }
        String refusal = c.upgrade.refusal(c.head());
        if (refusal != null) {
            failed(c, "http " + refusal.substring(0, 3));
            return -1;
        }
        c.enter(Phase.SUBSCRIBING, System.nanoTime());
        send(c, ClientFrames.text(subscribe));
        return at;
    }

    @Override
    public void frame(int opcode, boolean fin, ByteBuffer frames, int start, int end) {
        ClientConnection c = current;
        if (!c.open()) {
            return;
        }
        switch (opcode) {
            case FrameParser.TEXT -> text(c, frames, start, end);
            case FrameParser.PING -> {
                byte[] payload = new byte[end - start];
                frames.get(start, payload);
                send(c, ClientFrames.pong(payload));
            }
            case FrameParser.CLOSE -> closed(c, FrameParser.closeCode(frames, start, end));
            default -> {} // pong, binary, continuation: this harness never asks for them
        }
    }

    private void text(ClientConnection c, ByteBuffer frames, int start, int end) {
        switch (MessageScan.kind(frames, start, end)) {
            case MESSAGE ->
                deliveries.message(
                        c, MessageScan.sequence(frames, start, end), MessageScan.time(frames, start, end), nowMicros);
            case SUBSCRIBED -> {
                if (c.phase == Phase.SUBSCRIBING) {
                    c.enter(Phase.SUBSCRIBED, System.nanoTime());
                    subscribed++;
                    connector.leftFlight();
                }
            }
            case ERROR -> {
                if (c.phase == Phase.SUBSCRIBING) {
                    failed(c, "subscribe refused: " + errorCode(MessageScan.text(frames, start, end)));
                }
            }
            default -> {}
        }
    }

    private static String errorCode(String frame) {
        int at = frame.indexOf("\"code\":\"");
        return at < 0 ? frame : frame.substring(at + 8, Math.max(at + 8, frame.indexOf('"', at + 8)));
    }

    /** Writes {@code frame} to {@code c}; a socket that fails is closed as if the server had dropped it. */
    void send(ClientConnection c, ByteBuffer frame) {
        if (!c.write(frame)) {
            closed(c, 1006);
        }
    }

    private void flush(ClientConnection c) {
        if (!c.flush()) {
            closed(c, 1006);
        }
    }

    /** The server closed {@code c} with {@code code} (1006: the socket ended without a close frame). */
    private void closed(ClientConnection c, int code) {
        if (c.phase != Phase.SUBSCRIBED) {
            failed(c, "closed with " + code + " before the grant");
            return;
        }
        closes.merge(code, Closes.one(EpochMicros.now()), Closes::plus);
        c.closeCode = code;
        end(c);
    }

    /** {@code c} (null: a socket that could not even be opened) will never be subscribed. */
    void failed(ClientConnection c, String reason) {
        if (c != null && c.phase == Phase.CLOSED) {
            return;
        }
        failures.merge(reason, 1L, Long::sum);
        if (c == null || c.phase != Phase.SUBSCRIBED) {
            connector.leftFlight();
        }
        if (c != null) {
            end(c);
        }
    }

    private void end(ClientConnection c) {
        c.enter(Phase.CLOSED, System.nanoTime());
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing a socket the peer already dropped: nothing left to release
        }
    }
}
