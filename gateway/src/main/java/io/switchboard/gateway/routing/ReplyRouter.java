package io.switchboard.gateway.routing;

import io.switchboard.gateway.protocol.ErrorCode;
import io.switchboard.gateway.protocol.ErrorReply;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionRegistry;
import io.switchboard.gateway.subscription.SubscriptionControl;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the processor's replies into frames for local sessions. {@code Granted} and {@code Ended} change what a
 * session receives, so they go through the delivery thread ({@link SubscriptionControl}); the {@code subscribed}
 * and {@code unsubscribed} frames are sent from there, in order with the channel's messages. A reply to a {@code
 * resume=} handshake still waiting ({@link PendingResumes}) goes there first: its connection has no session yet.
 */
public final class ReplyRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyRouter.class);

    private final SessionRegistry sessions;
    private final SubscriptionControl subscriptions;
    private final PendingResumes resumes;

    public ReplyRouter(SessionRegistry sessions, SubscriptionControl subscriptions, PendingResumes resumes) {
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.resumes = resumes;
    }

    public void route(Reply reply) {
        if (resumes.complete(reply)) {
            return;
        }
        Session session = sessions.find(reply.getConnectionId()).orElse(null);
        if (session == null) {
            LOG.debug("reply for {} which is no longer connected here", reply.getConnectionId());
            return;
        }
        String id = reply.getRequestId();
        Object body = reply.getBody();
        if (body instanceof Granted granted) {
            grant(session, id, granted);
        } else if (body instanceof Refused refused) {
            session.send(new ErrorReply(id, errorCode(refused), refused.getMessage(), refused.getChannel(), null));
        } else if (body instanceof Ended ended) {
            String channel = ended.getChannel();
            subscriptions.deactivate(
                    session,
                    channel,
                    () -> session.send(new ServerMessage.Unsubscribed(id, channel, ended.getReason())));
        } else if (body instanceof Published published) {
            session.send(new ServerMessage.Published(
                    id, published.getChannel(), published.getOffset(), published.getEventId()));
        } else if (body instanceof PresenceAnswer answer) {
            session.send(PresencePages.page(id, answer));
        } else if (body instanceof ReconnectionToken token) {
            session.send(new ServerMessage.ReconnectionToken(
                    id, token.getToken(), token.getExpiresAt().toEpochMilli()));
        } else {
            LOG.warn(
                    "reply-unknown: ignoring a reply body of type {}",
                    body.getClass().getName());
        }
    }

    /**
     * Activates the granted channel, recovering from the grant's {@code since} when it has one (the client's, or the
     * processor's for a personal channel: its cursor, or an inbox read with an empty epoch).
     */
    private void grant(Session session, String id, Granted granted) {
        String channel = granted.getChannel();
        io.switchboard.schemas.avro.Position since = granted.getSince();
        subscriptions.activate(
                session,
                channel,
                since == null ? null : new Position(since.getOffset(), since.getEpoch()),
                activation -> session.sendSubscribed(
                        new ServerMessage.Subscribed(id, channel, activation.position(), activation.recovered()),
                        activation.startsAfter()),
                reason -> session.send(ErrorReply.of(id, ErrorCode.UNAVAILABLE, reason, channel)));
    }

    /** The refusal's code; a code this gateway does not know is reported as internal rather than invented. */
    private static ErrorCode errorCode(Refused refused) {
        return ErrorCode.fromWireName(refused.getCode()).orElseGet(() -> {
            LOG.warn("reply-unknown-code: processor refused with unknown code '{}'", refused.getCode());
            return ErrorCode.INTERNAL;
        });
    }
}
