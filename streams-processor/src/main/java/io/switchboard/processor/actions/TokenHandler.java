package io.switchboard.processor.actions;

import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssueReconnectionToken;

/**
 * IssueReconnectionToken: a one-time token ({@link TokenIssuer}) in a {@code ReconnectionToken} reply, the session it
 * restores on {@code switchboard.sessions}, and the connection remembers the token until it closes.
 */
final class TokenHandler {
    private final ConnectionLedger connections;
    private final TokenIssuer tokens;
    private final ActionOutputs outputs;

    TokenHandler(ConnectionLedger connections, TokenIssuer tokens, ActionOutputs outputs) {
        this.connections = connections;
        this.tokens = tokens;
        this.outputs = outputs;
    }

    // Only the reply carries the token itself; the session is keyed by its hash.
    void issue(ClientAction action, IssueReconnectionToken issue, long timestamp) {
        ConnectionState state = connections.stateOf(action);
        TokenIssuer.Issued issued = tokens.issue(state, issue, action.getTime());
        connections.remember(action, state, issued.token());
        outputs.session(issued.token().getTokenHash(), issued.snapshot(), timestamp);
        outputs.reply(action, issued.reply(), timestamp);
    }
}
