package io.switchboard.load.loader;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.scale.Backoff;
import io.switchboard.load.scale.DevJwt;
import io.switchboard.load.scale.ProducedSequences;
import io.switchboard.load.scale.ScaleLoaderResult;
import io.switchboard.load.ws.ClientFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scale test's clients on one thread and one selector: each authenticated as its own user, subscribed to one
 * shared channel and (by the gateway) to its personal channel, acknowledging personal messages. A client whose
 * connection ends reconnects to another gateway after a jittered backoff and resubscribes both channels with {@code
 * since} = the last position it <em>received</em> (a reconnection token would restore what the dead gateway last
 * reported, which may be behind or ahead of what reached the client). Sockets and reads are {@link ClientLoop}'s.
 */
final class ScaleLoader extends ClientLoop<ScaleClient> {
    private static final long UPGRADE_TIMEOUT = TimeUnit.SECONDS.toNanos(15);
    private static final long SUBSCRIBE_TIMEOUT = TimeUnit.SECONDS.toNanos(60);

    private final ScaleSettings settings;
    private final ScaleCounters counts = new ScaleCounters();
    private final Backoff backoff;
    private volatile ProducedSequences stopWith;
    private volatile int latencyPhase;
    private volatile String state = "STATE 0 0 0 0 0";

    ScaleLoader(ScaleSettings settings) throws IOException {
        super(settings, 5, 20);
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBaseMillis(), settings.backoffCapMillis());
        DevJwt jwt = new DevJwt(settings.jwtSecret());
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
        loop();
        return counts.result(settings.index(), clients, stopWith);
    }

    void stop(ProducedSequences produced) {
        stopWith = produced;
        requestStop();
    }

    /** Survivors' latencies go to histogram {@code phase} from now on: 0 before, 1 during, 2 after the faults. */
    void latencyPhase(int phase) {
        latencyPhase = phase;
    }

    /** {@code STATE <subscribed> <disconnected> <recovering> <last recovered µs> <first disconnect µs>}. */
    String state() {
        return state;
    }

    @Override
    void housekeeping(long now) {
        connectMore(now);
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
        announceReadyOnce(counts.subscribed, counts.failures);
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

    @Override
    void connectFailed(ScaleClient c, IOException e) {
        lost(c, "connect", 0);
    }

    @Override
    void socketLost(ScaleClient c, String reason, int closeCode) {
        lost(c, closeCode == 0 ? reason : null, closeCode);
    }

    @Override
    void refused(ScaleClient c, String status) {
        if (status.equals("429")) {
            counts.refused429(c.gateway, c.index / settings.perAddress());
        }
    }

    @Override
    void upgraded(ScaleClient c) {
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
    }

    private static String subscribe(String id, String channel, ChannelStream since) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"channel\":\"" + channel + "\""
                + (since != null && since.hasPosition() ? ",\"since\":" + since.since() : "") + "}";
    }

    @Override
    void text(ScaleClient c, ByteBuffer frames, int start, int end) {
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
            counts.hole(c, personal ? c.personalChannel() : c.channel, lastSeq, seq, readMicros - t);
        }
        if (personal) {
            send(
                    c,
                    ClientFrames.text("{\"type\":\"ack\",\"channel\":\"" + c.personalChannel() + "\",\"offset\":"
                            + offset + "}"));
        }
        if (verdict != ChannelStream.Verdict.REPEAT) {
            (c.disconnected ? counts.reconnected : counts.survivors.get(latencyPhase)).record(readMicros - t);
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
            leftFlight();
            c.socket.enter(Phase.SUBSCRIBED, System.nanoTime());
            return;
        }
        if (FrameFields.notRecovered(frames, start, end)) {
            counts.notRecoveredReplies++;
        }
        if (--c.awaitedReplies == 0) {
            c.socket.enter(Phase.SUBSCRIBED, System.nanoTime());
            c.recovering = false;
            c.recoveredAtMicros = readMicros;
            counts.lastRecoveredMicros = Math.max(counts.lastRecoveredMicros, readMicros);
            counts.recovery.record(readMicros - c.disconnectedAtMicros);
        }
    }

    /**
     * {@code c}'s socket ended: a refusal or failure before it was back ({@code reason}), or a close ({@code code}).
     * A client that was never subscribed counts as failed; any other reconnects after a jittered backoff.
     */
    private void lost(ScaleClient c, String reason, int code) {
        closeSocket(c);
        if (!c.subscribedOnce) {
            counts.count(counts.failures, reason != null ? reason : "closed with " + code + " before the grant");
            leftFlight();
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
