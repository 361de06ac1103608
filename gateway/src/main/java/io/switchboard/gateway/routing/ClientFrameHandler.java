package io.switchboard.gateway.routing;

import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.limits.MessageKind;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.limits.Subject;
import io.switchboard.gateway.limits.Verdict;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.BinaryPublishDecoder;
import io.switchboard.gateway.protocol.ClientMessage;
import io.switchboard.gateway.protocol.ClientMessageDecoder;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.ErrorCode;
import io.switchboard.gateway.protocol.ErrorReply;
import io.switchboard.gateway.protocol.InvalidFrameException;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.SubscriptionControl;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.ClientAction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does with a connection's life and its frames. It decides nothing about permissions: actions go
 * to the processor, and channels are delivered only once it grants them (see {@link ReplyRouter}). Runs on socket
 * I/O threads, so it never blocks. A client error is answered with an {@code error} frame and never closes the
 * connection, except the 4008 close of a connection whose messages keep being refused by the rate limits ({@link
 * MessageLimits}), which are applied to every message, text or binary, before anything else is done with it.
 *
 * <p>Unsubscribe stops delivery at once (before the processor hears of it); the {@code unsubscribed} frame is sent
 * when the processor's {@code Ended} reply arrives, so it is ordered with any {@code subscribed} still in flight.
 *
 * <p>Whether a subscriber gets the channel's {@code join} and {@code leave} frames is what its latest subscribe of the
 * channel said ({@code "presence": true}), kept on its session; a {@code presence} query is forwarded like any action
 * and answered by the processor.
 */
public final class ClientFrameHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameHandler.class);

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    /** The decoder of the last limit asked for (there is one limit per gateway). */
    private volatile BinaryPublishDecoder binaryDecoder;

    private final ClientActions actions;
    private final ActionSink sink;
    private final SubscriptionControl subscriptions;
    private final CredentialRefresh refresh;
    private final Clock clock;
    private final long heartbeatMs;
    private final MessageLimits limits;
    private final GatewayMetrics metrics;

    /**
     * @param subscriptions the channels delivery follows, changed as a connection unsubscribes or closes
     * @param verifier verifies the tokens of {@code refresh}, as at the handshake
     * @param limits the rate limits of client messages, one instance for the whole gateway
     * @param metrics counts messages received (by type, and those that could not be read) and rate-limit refusals
     */
    public ClientFrameHandler(
            ProcessorOutbox outbox,
            SubscriptionControl subscriptions,
            TokenVerifier verifier,
            Clock clock,
            Duration heartbeatInterval,
            MessageLimits limits,
            GatewayMetrics metrics) {
        this.actions = outbox.actions();
        this.sink = outbox.sink();
        this.subscriptions = subscriptions;
        this.refresh = new CredentialRefresh(verifier, actions, sink);
        this.clock = clock;
        this.heartbeatMs = heartbeatInterval.toMillis();
        this.limits = limits;
        this.metrics = metrics;
    }

    /** A connection opened: welcome it (its first frame) and tell the processor. */
    public void onOpen(Session session) {
        session.send(new ServerMessage.Welcome(
                session.id(), session.identity().userId(), session.identity().roles(), heartbeatMs, false));
        sink.forward(actions.connect(session), () -> LOG.warn("action-failed: connect of {} not written", session));
    }

    /**
     * A connection opened by a {@code resume=} handshake: welcome it as resumed, then tell the processor, in this
     * order and under the connection's one key (so in one partition, in order): a Connect whose personal channel
     * continues after its restored position, and a subscribe after its position for every other restored channel.
     * The processor checks each against the current policy; its grants carry the positions, and the recovery that
     * follows sends {@code subscribed} with {@code recovered}. The joins and leaves of each channel the old
     * connection wanted them of are wanted again before any grant can arrive, as if the client had subscribed with
     * {@code "presence": true}.
     */
    public void onResumed(Session session, List<ResumeOutcome.Channel> channels) {
        session.send(new ServerMessage.Welcome(
                session.id(), session.identity().userId(), session.identity().roles(), heartbeatMs, true));
        String personal = session.identity().isAnonymous()
                ? null
                : ChannelName.personalName(session.identity().userId());
        Position personalSince = channels.stream()
                .filter(channel -> channel.name().equals(personal))
                .map(ResumeOutcome.Channel::since)
                .findFirst()
                .orElse(null);
        channels.forEach(channel -> session.wantPresence(channel.name(), channel.presence()));
        sink.forward(
                actions.connect(session, personalSince),
                () -> LOG.warn("action-failed: connect of {} not written", session));
        for (ResumeOutcome.Channel channel : channels) {
            if (!channel.name().equals(personal)) {
                forward(session, actions.resubscribe(session, channel.name(), channel.since()), channel.name());
            }
        }
    }

    /** A connection closed with this close code: stop its deliveries and tell the processor. */
    public void onClosed(Session session, int closeCode) {
        ClientAction disconnect = actions.disconnect(session, closeCode); // the positions before delivery stops
        subscriptions.removeSession(session);
        sink.forward(disconnect, () -> LOG.warn("action-failed: disconnect of {} not written", session));
        limits.forget(subject(session), session.id());
    }

    /** A text frame; counted as received (by type, or as unreadable) before the rate limits apply to it. */
    public void onText(Session session, String text) {
        ClientMessage message;
        try {
            message = decoder.decode(text);
        } catch (InvalidFrameException e) {
            metrics.invalidMessageReceived(Utf8.length(text));
            if (admitted(session, MessageKind.OTHER, e.reply().id())) {
                session.send(e.reply());
            }
            return;
        }
        metrics.messageReceived(message, Utf8.length(text));
        if (admitted(session, MessageKind.of(message), message.id())) {
            dispatch(session, message);
        }
    }

    /**
     * A binary frame: a binary publish (PROTOCOL.md, "Binary frames"), forwarded with its payload as sent once it is
     * checked; anything else is answered with an {@code error} frame. Counted as received only once admitted by the
     * rate limits (before that it is not read at all); a refused one counts as rate limited.
     *
     * @param maxInflatedBytes the most a compressed payload may inflate to: the connection's inbound message limit
     *     ({@code gateway.ws.max-message-bytes}), which the caller already applied to the frame itself
     */
    public void onBinary(Session session, byte[] frame, int maxInflatedBytes) {
        if (!admitted(session, MessageKind.OTHER, null)) { // before the payload is inflated to be checked
            return;
        }
        ClientMessage message;
        try {
            message = binaryDecoder(maxInflatedBytes).decode(frame);
        } catch (InvalidFrameException e) {
            metrics.invalidMessageReceived(frame.length);
            session.send(e.reply());
            return;
        }
        metrics.messageReceived(message, frame.length);
        dispatch(session, message);
    }

    private BinaryPublishDecoder binaryDecoder(int maxInflatedBytes) {
        BinaryPublishDecoder decoder = binaryDecoder;
        if (decoder == null || decoder.maxInflatedBytes() != maxInflatedBytes) {
            decoder = new BinaryPublishDecoder(maxInflatedBytes);
            binaryDecoder = decoder; // racy but harmless: any decoder with the right limit will do
        }
        return decoder;
    }

    /**
     * Takes a token for a message of this kind from the bucket of the session's user (or anonymous connection). A
     * refused message is answered with {@code rate_limited}; a connection refused too often is closed with 4008. Each
     * refusal counts as rate limited under the kind's name, except the later messages of a connection already found
     * abusive (they arrive before its close takes effect).
     *
     * @return whether the message may be handled
     */
    private boolean admitted(Session session, MessageKind kind, String id) {
        Verdict verdict = limits.check(subject(session), session.id(), kind);
        if (verdict instanceof Verdict.Limited limited) {
            metrics.rateLimited(kind.limitName());
            session.send(new ErrorReply(
                    id,
                    ErrorCode.RATE_LIMITED,
                    "too many messages; retry after " + limited.retryAfterMs() + " ms",
                    null,
                    limited.retryAfterMs()));
            return false;
        }
        if (verdict instanceof Verdict.Abusive abusive) {
            if (abusive.first()) {
                metrics.rateLimited(kind.limitName());
                LOG.info("rate-limit-abuse: closing {} with 4008, refused too often", session);
            }
            session.close(CloseReason.RATE_LIMITED);
            return false;
        }
        return true;
    }

    private static Subject subject(Session session) {
        return Subject.of(session.identity().userId(), session.id());
    }

    private void dispatch(Session session, ClientMessage message) {
        if (message instanceof ClientMessage.Subscribe subscribe) {
            session.wantPresence(subscribe.channel(), subscribe.presence());
            forward(session, actions.subscribe(session, subscribe), subscribe.channel());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            session.wantPresence(unsubscribe.channel(), false);
            subscriptions.deactivate(session, unsubscribe.channel(), null);
            forward(session, actions.unsubscribe(session, unsubscribe), unsubscribe.channel());
        } else if (message instanceof ClientMessage.Publish publish) {
            forward(session, actions.publish(session, publish), publish.channel());
        } else if (message instanceof ClientMessage.BinaryPublish publish) {
            forward(session, actions.publish(session, publish), publish.channel());
        } else if (message instanceof ClientMessage.Presence presence) {
            forward(session, actions.presence(session, presence), presence.channel());
        } else if (message instanceof ClientMessage.Ping ping) {
            session.send(new ServerMessage.Pong(ping.id(), clock.millis()));
        } else if (message instanceof ClientMessage.GetReconnectionToken) {
            forward(session, actions.issueReconnectionToken(session, message.id()), null);
        } else if (message instanceof ClientMessage.Ack ack) {
            // no reply (PROTOCOL.md): a lost ack only means the messages after the last one come again
            sink.forward(actions.ack(session, ack), () -> LOG.warn("action-failed: ack of {} not written", session));
        } else if (message instanceof ClientMessage.Refresh tokenRefresh) {
            refresh.handle(session, tokenRefresh);
        }
    }

    private void forward(Session session, ClientAction action, String channel) {
        sink.forward(
                action,
                () -> session.send(ErrorReply.of(
                        action.getRequestId(),
                        ErrorCode.UNAVAILABLE,
                        "the event backbone cannot take the action now; retry later",
                        channel)));
    }
}
