package io.switchboard.processor.actions;

import io.switchboard.processor.sessions.SessionSnapshots;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.IssuedToken;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Reply;
import java.util.Optional;

/**
 * Connect and Disconnect: a connection is recorded with its personal channel granted unasked, and forgotten at
 * disconnect, when each of its unexpired reconnection tokens gets its session again with the positions at disconnect
 * and it leaves every presence-enabled channel it held.
 */
final class ConnectionHandler {
    private final ActionAnswers answers;
    private final ConnectionLedger connections;
    private final CursorLedger cursors;
    private final RoleEntries roles;
    private final PresenceFeed presence;
    private final ActionOutputs outputs;

    ConnectionHandler(
            ActionAnswers answers,
            ConnectionLedger connections,
            CursorLedger cursors,
            RoleEntries roles,
            PresenceFeed presence,
            ActionOutputs outputs) {
        this.answers = answers;
        this.connections = connections;
        this.cursors = cursors;
        this.roles = roles;
        this.presence = presence;
        this.outputs = outputs;
    }

    void connect(ClientAction action, Connect connect, long timestamp) {
        Optional<String> personal = answers.personalChannel(action);
        // A Connect that reuses a known connection id starts it afresh: what the old entry held is no longer held.
        connections
                .open(action, personal.stream().toList())
                .ifPresent(old -> presence.released(
                        action.getConnectionId(), old.getUserId(), old.getChannels(), action.getTime(), timestamp));
        roles.record(action, timestamp);
        // Not an answer to a client message: the server subscribes every connection to its own channel unasked.
        personal.ifPresent(channel -> {
            // A resumed session continues where the old connection was; a new one where the user acknowledged.
            Position since = connect.getPersonalSince() != null
                    ? connect.getPersonalSince()
                    : cursors.resumeFrom(action.getUserId(), channel);
            Granted granted = new Granted(channel, since);
            Reply reply = ActionAnswers.reply(action.getConnectionId(), null, action.getTime(), granted);
            outputs.send(action.getGatewayId(), reply, timestamp);
        });
    }

    // Each unexpired token of the closed connection now restores the positions at disconnect; if one was used in the
    // meantime, keep-sessions keeps it used.
    void disconnect(ClientAction action, Disconnect disconnect, long timestamp) {
        Optional<ConnectionState> closed = connections.close(action.getConnectionId());
        closed.ifPresent(state -> {
            presence.released(
                    action.getConnectionId(), state.getUserId(), state.getChannels(), action.getTime(), timestamp);
            for (IssuedToken token : ConnectionLedger.unexpired(state.getTokens(), action.getTime())) {
                outputs.session(
                        token.getTokenHash(), SessionSnapshots.of(state, disconnect.getDelivered(), token), timestamp);
            }
        });
    }
}
