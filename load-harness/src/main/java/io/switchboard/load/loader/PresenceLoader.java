package io.switchboard.load.loader;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.presence.PresenceLoaderResult;
import io.switchboard.load.scale.DevJwt;
import io.switchboard.load.ws.ClientFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The presence test's members on one thread and one selector: each its own user ({@code u<global index>}, a token of
 * its own), connected to gateway {@code index % gateways} from its own source address, subscribed to one channel
 * without {@code "presence": true} (a member need not watch: 20,000 watchers would receive 400 million join frames).
 * On {@link #churn}, it unsubscribes and resubscribes members at a fixed rate, always the member that left longest
 * ago coming back next, so the channel keeps nearly its size; afterwards every member is subscribed again. A member whose
 * socket ends is counted as lost and not reconnected: it left the channel, which the coordinator's check would see.
 */
final class PresenceLoader extends ClientLoop<PresenceMember> {
    private static final long SCAN = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long RETRY_WAIT = TimeUnit.SECONDS.toNanos(1);
    private static final long CONNECT_TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static final byte[] UNSUBSCRIBED = "\"type\":\"unsubscribed\"".getBytes(StandardCharsets.US_ASCII);

    private final PresenceLoaderSettings settings;
    /** The members: {@link #clients} by the presence test's name. */
    private final List<PresenceMember> members = clients;

    private final ByteBuffer subscribe;
    private final ByteBuffer resubscribe;
    private final ByteBuffer unsubscribe;
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private final Map<String, Long> errors = new LinkedHashMap<>();
    /** Members that left during the churn, oldest first: the next to come back. */
    private final ArrayDeque<PresenceMember> away = new ArrayDeque<>();

    private long[] churnSubscribes = new long[1024];
    private int churnSubscribeCount;
    private long churnUnsubscribes;
    private long churnStartNanos;
    private long churnLastNanos;
    private int churnCursor;
    private long churnDone;

    private int subscribed;
    private int lost;
    private long nextScanNanos;

    private volatile double churnRate;
    private volatile long churnEndNanos;
    private volatile boolean churnRequested;
    private boolean churning;
    private boolean restoring;
    private volatile String state = "STATE 0 0 0";

    PresenceLoader(PresenceLoaderSettings settings) throws IOException {
        super(settings, 2, 5);
        this.settings = settings;
        this.subscribe =
                ClientFrames.text("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + settings.channel() + "\"}");
        this.resubscribe =
                ClientFrames.text("{\"type\":\"subscribe\",\"id\":\"r\",\"channel\":\"" + settings.channel() + "\"}");
        this.unsubscribe =
                ClientFrames.text("{\"type\":\"unsubscribe\",\"id\":\"u\",\"channel\":\"" + settings.channel() + "\"}");
        DevJwt jwt = new DevJwt(settings.jwtSecret());
        for (int i = 0; i < settings.clients(); i++) {
            int global = settings.firstClient() + i;
            members.add(new PresenceMember(
                    global,
                    jwt.mint(userOf(global), List.of("viewer"), Duration.ofHours(2)),
                    global % settings.gateways().size()));
        }
    }

    /** The user of client {@code i}, counted over every loader. */
    static String userOf(int client) {
        return "u" + client;
    }

    /** Runs until {@link #stop}, then returns what it saw. */
    PresenceLoaderResult run() throws IOException {
        loop();
        return result();
    }

    void stop() {
        requestStop();
    }

    /** Starts a churn of {@code opsPerSecond} subscribes and unsubscribes in all, for {@code seconds}. */
    void churn(double opsPerSecond, double seconds) {
        churnRate = opsPerSecond;
        churnEndNanos = System.nanoTime() + (long) (seconds * 1e9);
        churnRequested = true;
    }

    /** {@code STATE <members> <lost> <pending or away>}. */
    String state() {
        return state;
    }

    @Override
    void housekeeping(long now) {
        connectMore(now);
        if (churnRequested) {
            churnRequested = false;
            churning = true;
            churnStartNanos = now;
            churnDone = 0;
        }
        if (churning) {
            churnStep(now);
        }
        if (now < nextScanNanos) {
            return;
        }
        nextScanNanos = now + SCAN;
        int holding = 0;
        int unsettled = 0;
        for (PresenceMember m : members) {
            if (m.member) {
                holding++;
            }
            if (m.pending) {
                unsettled++;
            }
            if (m.socket != null
                    && m.socket.phase != Phase.SUBSCRIBED
                    && now - m.socket.phaseSinceNanos > CONNECT_TIMEOUT) {
                lost(m, "timeout while " + m.socket.phase.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        unsettled += away.size();
        if (restoring) {
            while (!away.isEmpty() && away.peekFirst().mayReturn(now)) {
                subscribeAgain(away.pollFirst());
            }
            if (unsettled == 0) {
                restoring = false;
                System.out.println("CHURNED " + churnSubscribeCount + " " + churnUnsubscribes);
            }
        }
        announceReadyOnce(subscribed, failures);
        state = "STATE " + holding + " " + lost + " " + unsettled;
    }

    /**
     * The operations due by {@code now} at the churn's rate: a subscribe of the member away longest when its
     * unsubscribe was answered, else an unsubscribe of the next member in turn.
     */
    private void churnStep(long now) {
        if (now >= churnEndNanos) {
            churning = false;
            restoring = true;
            return;
        }
        long due = (long) ((now - churnStartNanos) / 1e9 * churnRate);
        int tries = 0;
        while (churnDone < due && tries++ < members.size()) {
            PresenceMember back = away.peekFirst();
            // every other operation brings back the member away longest, once its unsubscribe is answered; until
            // then another leaves, so the channel is short by about the rate times one round trip
            if (back != null && back.mayReturn(now) && (churnDone & 1) == 1) {
                subscribeAgain(away.pollFirst());
                churnDone++;
                continue;
            }
            PresenceMember next = members.get(churnCursor);
            churnCursor = (churnCursor + 1) % members.size();
            if (next.idle() && next.member) {
                next.pending = true;
                next.member = false;
                send(next, unsubscribe.duplicate());
                away.addLast(next);
                churnUnsubscribes++;
                churnDone++;
            }
        }
        churnLastNanos = now;
    }

    private void subscribeAgain(PresenceMember m) {
        m.pending = true;
        if (churnSubscribeCount * 2 + 2 > churnSubscribes.length) {
            churnSubscribes = Arrays.copyOf(churnSubscribes, churnSubscribes.length * 2);
        }
        churnSubscribes[churnSubscribeCount * 2] = m.index;
        churnSubscribes[churnSubscribeCount * 2 + 1] = EpochMicros.now();
        churnSubscribeCount++;
        send(m, resubscribe.duplicate());
    }

    @Override
    void connectFailed(PresenceMember m, IOException e) {
        String reason = "connect: " + e.getMessage();
        if (m.socket == null) { // never opened: nothing to close, but it failed and leaves the connects in flight
            m.member = false;
            m.pending = false;
            failures.merge(reason, 1L, Long::sum);
            leftFlight();
            return;
        }
        lost(m, reason);
    }

    @Override
    void socketLost(PresenceMember m, String reason, int closeCode) {
        lost(m, reason);
    }

    @Override
    void upgraded(PresenceMember m) {
        m.pending = true;
        m.firstSubscribeMicros = EpochMicros.now();
        send(m, subscribe.duplicate());
    }

    @Override
    void text(PresenceMember m, ByteBuffer frames, int start, int end) {
        switch (MessageScan.kind(frames, start, end)) {
            case SUBSCRIBED -> {
                String id = FrameFields.id(frames, start, end);
                if (!"s".equals(id) && !"r".equals(id)) {
                    return; // the gateway's own subscription to the personal channel
                }
                m.pending = false;
                m.member = true;
                if (m.socket.phase == Phase.SUBSCRIBING) {
                    m.socket.enter(Phase.SUBSCRIBED, System.nanoTime());
                    subscribed++;
                    leftFlight();
                }
            }
            case ERROR -> {
                String text = MessageScan.text(frames, start, end);
                errors.merge(text.substring(0, Math.min(120, text.length())), 1L, Long::sum);
                if ("s".equals(FrameFields.id(frames, start, end)) && m.socket.phase == Phase.SUBSCRIBING) {
                    lost(m, "subscribe refused: " + text);
                } else {
                    // a refused churn operation (e.g. unavailable: the gateway could not hand it to Kafka) is counted;
                    // a refused resubscribe is tried again, a refused unsubscribe's member is resubscribed anyway
                    m.pending = false;
                    if ("r".equals(FrameFields.id(frames, start, end)) && !away.contains(m)) {
                        m.retryAtNanos = System.nanoTime() + RETRY_WAIT;
                        away.addLast(m);
                    }
                }
            }
            default -> {
                if (MessageScan.indexOf(frames, start, end, UNSUBSCRIBED) >= 0) {
                    m.pending = false;
                }
            }
        }
    }

    /** {@code m}'s socket ended: a failure before its grant, or a lost member after it. */
    private void lost(PresenceMember m, String reason) {
        if (m.socket == null) {
            return;
        }
        boolean beforeGrant = m.socket.phase != Phase.SUBSCRIBED;
        closeSocket(m);
        m.member = false;
        m.pending = false;
        away.remove(m);
        if (beforeGrant) {
            failures.merge(reason, 1L, Long::sum);
            leftFlight();
        } else {
            lost++;
            errors.merge("lost: " + reason, 1L, Long::sum);
        }
    }

    private PresenceLoaderResult result() {
        long[] first = new long[members.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = members.get(i).firstSubscribeMicros;
        }
        return new PresenceLoaderResult(
                settings.index(),
                settings.firstClient(),
                members.size(),
                subscribed,
                failures,
                lost,
                errors,
                first,
                Arrays.copyOf(churnSubscribes, churnSubscribeCount * 2),
                churnUnsubscribes,
                (churnLastNanos - churnStartNanos) / 1e9);
    }
}
