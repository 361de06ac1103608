package io.switchboard.load.loader;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.scale.Backoff;
import io.switchboard.load.scale.DevJwt;
import io.switchboard.load.scale.ProducedSequences;
import io.switchboard.load.scale.ScaleLoaderResult;
import io.switchboard.load.ws.ClientFrames;
import io.switchboard.load.ws.FrameParser;
import io.switchboard.load.ws.WsProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scale test's clients on one thread and one selector: each authenticated as its own user, subscribed to one
 * shared channel and (by the gateway) to its personal channel, acknowledging personal messages. A client whose
 * connection ends reconnects to another gateway after a jittered backoff and resubscribes both channels with {@code
 * since} = the last position it <em>received</em> (a reconnection token would restore what the dead gateway last
 * reported, which may be behind or ahead of what reached the client). Reading is as in {@link Loader}.
 */
final class ScaleLoader implements FrameParser.Handler {
    private static final long HOUSEKEEPING = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long UPGRADE_TIMEOUT = TimeUnit.SECONDS.toNanos(15);
    private static final long SUBSCRIBE_TIMEOUT = TimeUnit.SECONDS.toNanos(60);

    private final ScaleSettings settings;
    private final Selector selector;
    private final ByteBuffer buffer;
    private final List<ScaleClient> clients;
    private final ScaleCounters counts = new ScaleCounters();
    private final ScaleSockets sockets;
    private final Backoff backoff;
    private int nextFirst;
    private int firstInFlight;
    private boolean announcedReady;
    private volatile ProducedSequences stopWith;
    private volatile boolean stopping;
    private volatile int latencyPhase;
    private volatile String state = "STATE 0 0 0 0 0";
    private ScaleClient current;
    private long nowMicros;

    ScaleLoader(ScaleSettings settings) throws IOException {
        this.settings = settings;
        this.selector = Selector.open();
        this.buffer = ByteBuffer.allocateDirect(settings.readBufferBytes());
        this.backoff = new Backoff(settings.backoffBaseMillis(), settings.backoffCapMillis());
        this.sockets = new ScaleSockets(selector, settings);
        DevJwt jwt = new DevJwt(settings.jwtSecret());
        this.clients = new ArrayList<>(settings.clients());
        for (int i = 0; i < settings.clients(); i++) {
            int global = settings.firstClient() + i;
            String user = ScaleSettings.userOf(global);
            clients.add(new ScaleClient(
                    global,
                    user,
                    ScaleSettings.channelOf(global, settings.channels()),
                    jwt.mint(user, List.of("viewer"), Duration.ofHours(2)),
                    global % settings.gateways().size()));
        }
    }

    /** Runs until {@link #stop}, then returns what it saw. */
    ScaleLoaderResult run() throws IOException {
        long nextHousekeeping = 0;
        while (!stopping) {
            selector.select(5);
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            if (now >= nextHousekeeping) {
                housekeeping(now);
                nextHousekeeping = now + HOUSEKEEPING;
            }
        }
        for (ScaleClient c : clients) {
            if (c.socket != null) {
                c.socket.channel.close();
            }
        }
        selector.close();
        return counts.result(settings.index(), clients, stopWith);
    }

    void stop(ProducedSequences produced) {
        stopWith = produced;
        stopping = true;
        selector.wakeup();
    }

    /** Survivors' latencies go to histogram {@code phase} from now on: 0 before, 1 during, 2 after the faults. */
    void latencyPhase(int phase) {
        latencyPhase = phase;
    }

    /** {@code STATE <subscribed> <disconnected> <recovering> <last recovered µs> <first disconnect µs>}. */
    String state() {
        return state;
    }

    private void housekeeping(long now) {
        while (firstInFlight < settings.maxInFlight() && nextFirst < clients.size()) {
            firstInFlight++;
            connect(clients.get(nextFirst++), now);
        }
        int recovering = 0;
        for (ScaleClient c : clients) {
            if (c.recovering) {
                recovering++;
                if (c.socket == null && now >= c.retryAtNanos) {
                    counts.reconnectAttempts++;
                    connect(c, now);
                }
            }
            if (c.socket != null && stuck(c.socket, now)) {
                lost(c, "timeout while " + c.socket.phase.name().toLowerCase(java.util.Locale.ROOT), 0);
            }
        }
        if (!announcedReady && nextFirst == clients.size() && firstInFlight == 0) {
            announcedReady = true;
            System.out.println("READY " + counts.subscribed + " "
                    + counts.failures.values().stream().mapToLong(v -> v).sum());
        }
        state = "STATE " + counts.subscribed + " " + counts.disconnected + " " + recovering + " "
                + counts.lastRecoveredMicros + " " + counts.firstDisconnectMicros;
    }

    private static boolean stuck(ClientConnection s, long now) {
        long age = now - s.phaseSinceNanos;
        return switch (s.phase) {
            case CONNECTING, UPGRADING -> age > UPGRADE_TIMEOUT;
            case SUBSCRIBING -> age > SUBSCRIBE_TIMEOUT;
            default -> false;
        };
    }

    private void connect(ScaleClient c, long now) {
        try {
            c.socket = sockets.open(c, now);
            if (c.socket.phase == Phase.UPGRADING) {
                send(c, ByteBuffer.wrap(c.socket.upgrade.request()));
            }
        } catch (IOException e) {
            c.socket = null;
            lost(c, "connect", 0);
        }
    }

    private void handle(SelectionKey key) {
        ScaleClient c = (ScaleClient) key.attachment();
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
                lost(c, "connect", 0);
                return;
            }
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && c.socket != null && !c.socket.flush()) {
            lost(c, null, 1006);
        }
        if ((ready & SelectionKey.OP_READ) != 0 && c.socket != null) {
            read(c);
        }
    }

    private void read(ScaleClient c) {
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
            lost(c, null, 1006);
            return;
        }
        nowMicros = EpochMicros.now();
        int end = buffer.position();
        int from = s.phase == Phase.UPGRADING ? upgraded(c, end) : 0;
        if (from < 0) {
            return;
        }
        current = c;
        try {
            int consumed = FrameParser.parse(buffer, from, end, settings.readBufferBytes() - 16, this);
            if (c.socket == s) {
                s.keepCarry(buffer, consumed, end);
            }
        } catch (WsProtocolException e) {
            lost(c, "protocol: " + e.getMessage(), 0);
        }
    }

    private int upgraded(ScaleClient c, int end) {
        int at = c.socket.headBytes(buffer, end);
        if (at == -2) {
            lost(c, "upgrade answer too long", 0);
        }
        if (at < 0) {
            return -1;
        }
        String refusal = c.socket.upgrade.refusal(c.socket.head());
        if (refusal != null) {
            String status = refusal.substring(0, 3);
            if (status.equals("429")) {
                counts.refused429(c.gateway, c.index / settings.perAddress());
            }
            lost(c, "http " + status, 0);
            return -1;
        }
        c.socket.enter(Phase.SUBSCRIBING, System.nanoTime());
        if (!c.subscribedOnce) {
            send(c, ClientFrames.text(subscribe("c", c.channel, null)));
            c.awaitedReplies = 1;
        } else {
            send(c, ClientFrames.text(subscribe("r", c.channel, c.topic)));
            c.awaitedReplies = 1;
            if (c.personal.hasPosition()) {
                send(c, ClientFrames.text(subscribe("p", c.personalChannel(), c.personal)));
                c.awaitedReplies = 2;
            }
        }
        return at;
    }

    private static String subscribe(String id, String channel, ChannelStream since) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"channel\":\"" + channel + "\""
                + (since != null && since.hasPosition() ? ",\"since\":" + since.since() : "") + "}";
    }

    @Override
    public void frame(int opcode, boolean fin, ByteBuffer frames, int start, int end) {
        ScaleClient c = current;
        if (c.socket == null || !c.socket.open()) {
            return;
        }
        switch (opcode) {
            case FrameParser.TEXT -> text(c, frames, start, end);
            case FrameParser.PING -> {
                byte[] payload = new byte[end - start];
                frames.get(start, payload);
                send(c, ClientFrames.pong(payload));
            }
            case FrameParser.CLOSE -> lost(c, null, FrameParser.closeCode(frames, start, end));
            default -> {}
        }
    }

    private void text(ScaleClient c, ByteBuffer frames, int start, int end) {
        switch (MessageScan.kind(frames, start, end)) {
            case MESSAGE -> message(c, frames, start, end);
            case SUBSCRIBED -> subscribed(c, frames, start, end);
            case ERROR -> {
                String id = FrameFields.id(frames, start, end);
                if (c.socket.phase == Phase.SUBSCRIBING && id != null && "crp".contains(id)) {
                    lost(c, "subscribe refused: " + MessageScan.text(frames, start, end), 0);
                }
            }
            default -> {}
        }
    }

    private void message(ScaleClient c, ByteBuffer frames, int start, int end) {
        boolean personal = FrameFields.personal(frames, start, end);
        ChannelStream stream = personal ? c.personal : c.topic;
        long offset = FrameFields.offset(frames, start, end);
        long seq = MessageScan.sequence(frames, start, end);
        long t = MessageScan.time(frames, start, end);
        if (!stream.hasPosition()) {
            stream.epoch(FrameFields.epoch(frames, start, end));
        }
        long lastSeq = stream.sequence().last();
        ChannelStream.Verdict verdict = stream.accept(offset, seq);
        if (verdict == ChannelStream.Verdict.HOLE) {
            counts.hole(c, personal ? c.personalChannel() : c.channel, lastSeq, seq, nowMicros - t);
        }
        if (personal) {
            send(
                    c,
                    ClientFrames.text("{\"type\":\"ack\",\"channel\":\"" + c.personalChannel() + "\",\"offset\":"
                            + offset + "}"));
        }
        if (verdict != ChannelStream.Verdict.REPEAT) {
            (c.disconnected ? counts.reconnected : counts.survivors.get(latencyPhase)).record(nowMicros - t);
        }
    }

    private void subscribed(ScaleClient c, ByteBuffer frames, int start, int end) {
        String id = FrameFields.id(frames, start, end);
        if (id == null || c.socket.phase != Phase.SUBSCRIBING) {
            return; // the automatic subscription to the personal channel
        }
        if (id.equals("c")) {
            c.topic.positionAt(FrameFields.offset(frames, start, end), FrameFields.epoch(frames, start, end));
            c.subscribedOnce = true;
            counts.subscribed++;
            firstInFlight--;
            c.socket.enter(Phase.SUBSCRIBED, System.nanoTime());
            return;
        }
        if (FrameFields.notRecovered(frames, start, end)) {
            counts.notRecoveredReplies++;
        }
        if (--c.awaitedReplies == 0) {
            c.socket.enter(Phase.SUBSCRIBED, System.nanoTime());
            c.recovering = false;
            c.recoveredAtMicros = nowMicros;
            counts.lastRecoveredMicros = Math.max(counts.lastRecoveredMicros, nowMicros);
            counts.recovery.record(nowMicros - c.disconnectedAtMicros);
        }
    }

    private void send(ScaleClient c, ByteBuffer frame) {
        if (c.socket != null && !c.socket.write(frame)) {
            lost(c, null, 1006);
        }
    }

    /**
     * {@code c}'s socket ended: a refusal or failure before it was back ({@code reason}), or a close ({@code code}).
     * A client that was never subscribed counts as failed; any other reconnects after a jittered backoff.
     */
    private void lost(ScaleClient c, String reason, int code) {
        ClientConnection s = c.socket;
        c.socket = null;
        if (s != null) {
            s.enter(Phase.CLOSED, System.nanoTime());
            try {
                s.channel.close();
            } catch (IOException e) {
                // the peer is gone already
            }
        }
        if (!c.subscribedOnce) {
            counts.count(counts.failures, reason != null ? reason : "closed with " + code + " before the grant");
            firstInFlight--;
            return;
        }
        if (reason != null) {
            counts.count(counts.refusals, reason);
        } else {
            counts.closes.merge(code, 1L, Long::sum);
        }
        if (!c.recovering) {
            long now = EpochMicros.now();
            if (!c.disconnected) {
                counts.disconnected++;
            }
            c.disconnected = true;
            c.recovering = true;
            c.disconnectedAtMicros = now;
            c.attempt = 0;
            if (counts.firstDisconnectMicros == 0) {
                counts.firstDisconnectMicros = now;
            }
        } else {
            c.attempt++;
        }
        c.gateway = sockets.otherGateway(c.gateway);
        c.retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.delayMillis(c.attempt));
    }
}
