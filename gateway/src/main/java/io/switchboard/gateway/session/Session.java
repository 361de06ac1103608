package io.switchboard.gateway.session;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.ContentEncodings;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: who it is, until when its credentials hold, and its bounded outbound queue. Any thread may
 * send; nothing here blocks. Session identity is by reference (one object per connection); the user's identity
 * ({@link #identity()}) may change with a token refresh, but never its user id.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String id;
    private final Object credentialsLock = new Object();
    private volatile Identity identity;
    /** When the credentials expire; null when they never do (anonymous). Guarded by credentialsLock. */
    private Instant expiresAt;
    /** Set by {@link #watchExpiry}; guarded by credentialsLock. */
    private Clock expiryClock;
    /** Set by {@link #watchExpiry}; guarded by credentialsLock. */
    private Duration expiryGrace;

    private final List<String> acceptEncodings;
    /** The same, as an EnumSet: choosing a delivery's form for this session is one bit test. */
    private final Set<PayloadEncoding> acceptedEncodings;

    private final OutboundQueue queue;
    private final Transport transport;
    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    /** Sizes the per-channel maps: most connections hold one or two channels, and 16 slots cost each one 80 bytes. */
    static final int FEW_CHANNELS = 2;

    /** The epoch of each channel this session holds, as of its activation. */
    private final Map<String, String> channelEpochs = new ConcurrentHashMap<>(FEW_CHANNELS);

    /**
     * The channels whose join and leave frames the client asked for ({@code "presence": true} on its last subscribe of
     * each); null until it first asks, as most connections never do. Read by the delivery thread per notice.
     */
    private volatile Set<String> presenceChannels;

    private volatile boolean open = true;

    public Session(
            String id,
            Identity identity,
            List<String> acceptEncodings,
            OutboundQueue queue,
            Transport transport,
            Outgoing outgoing) {
        this.metrics = Objects.requireNonNull(outgoing.metrics(), "metrics");
        this.id = Objects.requireNonNull(id, "id");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.acceptEncodings = List.copyOf(acceptEncodings);
        this.acceptedEncodings = ContentEncodings.of(this.acceptEncodings);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.encoder = Objects.requireNonNull(outgoing.encoder(), "encoder");
    }

    /** The connection id, {@code c-…}. */
    public String id() {
        return id;
    }

    public Identity identity() {
        return identity;
    }

    /** When the connection's credentials expire (its token's {@code exp}); empty when they never do. */
    public Optional<Instant> credentialsExpireAt() {
        synchronized (credentialsLock) {
            return Optional.ofNullable(expiresAt);
        }
    }

    /**
     * Closes this connection with 4001 once {@code expiresAt + grace} has passed on {@code clock}, and keeps watching
     * across {@link #refreshCredentials}. Uses one timer of the transport, no thread.
     */
    public void watchExpiry(Instant credentialsExpireAt, Clock clock, Duration grace) {
        synchronized (credentialsLock) {
            this.expiresAt = Objects.requireNonNull(credentialsExpireAt, "credentialsExpireAt");
            this.expiryClock = clock;
            this.expiryGrace = grace;
            checkExpiry();
        }
    }

    /**
     * Replaces the roles and the expiry after a verified {@code refresh}; the expiry watch moves to the new deadline.
     *
     * @throws IllegalArgumentException when the new identity is another user's, or anonymous
     */
    public void refreshCredentials(Identity refreshed, Instant newExpiresAt) {
        if (refreshed.isAnonymous() || !refreshed.userId().equals(identity.userId())) {
            throw new IllegalArgumentException("a refresh keeps the connection's user");
        }
        synchronized (credentialsLock) {
            identity = refreshed;
            expiresAt = Objects.requireNonNull(newExpiresAt, "newExpiresAt");
            if (expiryClock != null) {
                checkExpiry();
            }
        }
    }

    /** Closes the connection when its deadline has passed, or checks again at the deadline. */
    private void checkExpiry() {
        synchronized (credentialsLock) {
            if (!open || expiresAt == null) {
                return;
            }
            Duration left = Duration.between(expiryClock.instant(), expiresAt.plus(expiryGrace));
            if (left.isNegative() || left.isZero()) {
                LOG.info("credentials-expired: closing {} with 4001", id);
                close(CloseReason.CREDENTIALS_EXPIRED);
                return;
            }
            transport.schedule(this::checkExpiry, left);
        }
    }

    /** Encodings the client announced in {@code accept_encoding}, by name, as the Connect action carries them. */
    public List<String> acceptEncodings() {
        return acceptEncodings;
    }

    /**
     * The payload encodings this client inflates itself: a compressed payload in one of them reaches it as stored
     * (a binary frame), any other inflated. Unmodifiable; {@code contains} is O(1).
     */
    public Set<PayloadEncoding> acceptedEncodings() {
        return acceptedEncodings;
    }

    /** Queues a reply for this connection. */
    public void send(ServerMessage message) {
        Frame frame = encoder.encode(message);
        metrics.messageSent(message, frame.size());
        send(frame);
    }

    /** Queues a frame; the same frame instance may be queued to many sessions. */
    public void send(Frame frame) {
        switch (queue.offer(frame)) {
            case START_WRITING -> transport.startWriting(queue);
            case OVERFLOW -> shed();
            case QUEUED, CLOSED -> {
                // QUEUED leaves with the next batch; CLOSED drops frames for a closing connection
            }
        }
    }

    /**
     * Queues the {@code subscribed} frame of an activated channel: from now on the session holds the channel, with
     * the epoch of {@code subscribed.position()}.
     *
     * @param startsAfter the position after which the session receives every message of the channel (the client's
     *     {@code since} when recovering); the channel's written position once this frame is written
     */
    public void sendSubscribed(ServerMessage.Subscribed subscribed, Position startsAfter) {
        channelEpochs.put(subscribed.channel(), subscribed.position().epoch());
        Frame frame = encoder.encode(subscribed);
        metrics.messageSent(subscribed, frame.size());
        send(frame.at(subscribed.channel(), startsAfter));
    }

    /** The session no longer holds the channel (delivery of it has stopped). */
    public void forget(String channel) {
        channelEpochs.remove(channel);
    }

    /**
     * Records what the client's latest subscribe (or unsubscribe: false) of {@code channel} said about presence. Only
     * the channel's live deliveries are looked at, so a wish for a channel not held yet takes effect once it is
     * granted. Called on the connection's I/O thread, in the order of its frames.
     */
    public void wantPresence(String channel, boolean wanted) {
        Set<String> channels = presenceChannels;
        if (wanted) {
            if (channels == null) {
                channels = ConcurrentHashMap.newKeySet(FEW_CHANNELS);
                presenceChannels = channels;
            }
            channels.add(channel);
        } else if (channels != null) {
            channels.remove(channel);
        }
    }

    /** Whether the client asked for the join and leave frames of {@code channel}. */
    public boolean wantsPresence(String channel) {
        Set<String> channels = presenceChannels;
        return channels != null && channels.contains(channel);
    }

    /** The epoch of the channel's activation on this session; empty when the session does not hold the channel. */
    public Optional<String> epochOf(String channel) {
        return Optional.ofNullable(channelEpochs.get(channel));
    }

    /**
     * For each channel the session holds, the position of the last {@code message} frame of it written to the socket,
     * or, before any, the position its delivery started after. Written means handed to the socket, not read by the
     * client: after an abrupt close, bytes still in the TCP buffers count as delivered although the client may never
     * have read them. A channel whose {@code subscribed} frame is not written yet is left out, or, right after it was
     * subscribed again, still has the position of its previous subscription.
     */
    public Map<String, Position> deliveredPositions() {
        Map<String, Position> written = queue.writtenPositions();
        Map<String, Position> delivered = new HashMap<>();
        channelEpochs.forEach((channel, epoch) -> {
            Position position = written.get(channel);
            if (position != null) {
                delivered.put(channel, position);
            }
        });
        return Map.copyOf(delivered);
    }

    /**
     * Whether a producer that can wait (a recovery) may queue another frame now: the outbound queue is below half its
     * bounds, so recovering never makes a reader that keeps up overflow it.
     */
    public boolean hasRoomToCatchUp() {
        return queue.isBelowHalf();
    }

    /** Runs a task that may block (verifying a token) off the connection's I/O thread. */
    public void runBlocking(Runnable task) {
        transport.runBlocking(task);
    }

    /**
     * Closes the connection with this reason, after the frames already queued (a reply that explains the close
     * reaches the client before it); later frames are dropped.
     */
    public void close(CloseReason reason) {
        queue.stopAccepting();
        transport.close(reason);
    }

    /**
     * Closes the connection with 4009 if its queue is over its bounds while its socket takes nothing (see {@link
     * OutboundQueue#overflowIfStalled}): for a sweep while nothing is offered.
     *
     * @return whether it was closed now
     */
    public boolean shedIfStalled() {
        if (!queue.overflowIfStalled()) {
            return false;
        }
        shed();
        return true;
    }

    /** The queue overflowed and dropped what it held: close at once, nothing is left to write first. */
    private void shed() {
        LOG.info(
                "slow-consumer: closing {} with 4009, outbound queue over its bounds while its socket takes nothing",
                id);
        transport.close(CloseReason.SLOW_CONSUMER);
    }

    /** Called by the server once the socket is closed. */
    public void markClosed() {
        open = false;
        queue.close();
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "Session[" + id + "]";
    }
}
