package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Ended;
import java.time.Instant;
import java.util.List;

/**
 * Ends with {@code permission_revoked} the channels a connection may no longer receive: its own after
 * CredentialsRefreshed gives it new roles, and every connection's of the task when the ACL changed. A revoked
 * presence-enabled channel is left like an unsubscribed one.
 */
final class RevocationHandler {
    private final ActionAnswers answers;
    private final ConnectionLedger connections;
    private final AclChangeWatch aclChanges;
    private final RoleEntries roles;
    private final PresenceFeed presence;
    private final ActionOutputs outputs;
    private final ProcessorMetrics.Counter revoked;

    RevocationHandler(
            ActionAnswers answers,
            ConnectionLedger connections,
            AclChangeWatch aclChanges,
            RoleEntries roles,
            PresenceFeed presence,
            ActionOutputs outputs,
            ProcessorMetrics.Counter revoked) {
        this.answers = answers;
        this.connections = connections;
        this.aclChanges = aclChanges;
        this.roles = roles;
        this.presence = presence;
        this.outputs = outputs;
        this.revoked = revoked;
    }

    void credentialsRefreshed(ClientAction action, CredentialsRefreshed refreshed, long timestamp) {
        roles.record(action, timestamp);
        ConnectionState state = connections.refreshRoles(action);
        revoke(action.getConnectionId(), state, answers.revoked(state), action.getTime(), timestamp);
    }

    /** A punctuator (wall-clock time): checks every connection again when the ACL changed since the last look. */
    void recheckIfAclChanged(long wallClockMs) {
        if (!aclChanges.changed()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (ConnectionLedger.Revoked found : connections.findRevoked(answers::revoked)) {
            revoke(found.connectionId(), found.state(), found.channels(), now, wallClockMs);
        }
    }

    private void revoke(String connectionId, ConnectionState state, List<String> channels, Instant time, long ts) {
        if (channels.isEmpty()) {
            return;
        }
        presence.released(connectionId, state.getUserId(), connections.release(connectionId, channels), time, ts);
        for (String channel : channels) {
            Ended ended = new Ended(channel, ActionAnswers.PERMISSION_REVOKED);
            outputs.send(state.getGatewayId(), ActionAnswers.reply(connectionId, null, time, ended), ts);
            revoked.increment();
        }
    }
}
