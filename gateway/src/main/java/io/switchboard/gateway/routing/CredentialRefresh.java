package io.switchboard.gateway.routing;

import io.switchboard.gateway.auth.TokenRejectedException;
import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.auth.VerifiedToken;
import io.switchboard.gateway.protocol.ClientMessage;
import io.switchboard.gateway.protocol.ErrorCode;
import io.switchboard.gateway.protocol.ErrorReply;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refresh}: a fresh token keeps a connection alive past its first token's expiry. The token is verified like
 * one at the handshake, off the I/O thread, and must name the connection's own user. On success the session's roles
 * and expiry are replaced, the client gets {@code refreshed}, and the processor gets {@code CredentialsRefreshed}
 * with the new roles, so it can end subscriptions they no longer allow.
 */
final class CredentialRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRefresh.class);

    private final TokenVerifier verifier;
    private final ClientActions actions;
    private final ActionSink sink;

    CredentialRefresh(TokenVerifier verifier, ClientActions actions, ActionSink sink) {
        this.verifier = verifier;
        this.actions = actions;
        this.sink = sink;
    }

    void handle(Session session, ClientMessage.Refresh refresh) {
        if (session.identity().isAnonymous()) {
            session.send(ErrorReply.of(
                    refresh.id(), ErrorCode.UNAUTHORIZED, "an anonymous connection has no credentials to refresh"));
            return;
        }
        session.runBlocking(() -> verifyAndApply(session, refresh));
    }

    private void verifyAndApply(Session session, ClientMessage.Refresh refresh) {
        VerifiedToken token;
        try {
            token = verifier.verify(refresh.token());
        } catch (TokenRejectedException e) {
            LOG.debug("refresh-rejected: {}: {}", session, e.getMessage());
            session.send(ErrorReply.of(refresh.id(), ErrorCode.TOKEN_INVALID, "the token is invalid or expired"));
            return;
        }
        if (!token.identity().userId().equals(session.identity().userId())) {
            LOG.debug("refresh-rejected: {}: the token is for another user", session);
            session.send(ErrorReply.of(
                    refresh.id(), ErrorCode.TOKEN_INVALID, "the token is not for this connection's user"));
            return;
        }
        session.refreshCredentials(token.identity(), token.expiresAt());
        sink.forward(
                actions.credentialsRefreshed(session, refresh.id(), token.expiresAt()),
                () -> LOG.warn("action-failed: credentials refresh of {} not written", session));
        session.send(new ServerMessage.Refreshed(refresh.id(), token.expiresAt().toEpochMilli()));
    }
}
