package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ClientAction;
import java.util.Optional;

/**
 * Ack: moves the user's cursor on a channel the authenticated connection holds ({@link CursorLedger#advance}) and
 * writes the new cursor, and tells {@code keep-receipts} (which answers the messages it covers with receipts); an ack of an anonymous connection or of a channel it does not hold is ignored and counted.
 */
final class AckHandler {
    private final ConnectionLedger connections;
    private final CursorLedger cursors;
    private final ActionOutputs outputs;
    private final ProcessorMetrics.Counter ignored;

    AckHandler(
            ConnectionLedger connections,
            CursorLedger cursors,
            ActionOutputs outputs,
            ProcessorMetrics.Counter ignored) {
        this.connections = connections;
        this.cursors = cursors;
        this.outputs = outputs;
        this.ignored = ignored;
    }

    void ack(ClientAction action, Ack ack, long timestamp) {
        // The user as the connection was granted the channel, not as the ack claims: no cursor for anonymous ones.
        Optional<String> user = connections.authenticatedHolder(action.getConnectionId(), ack.getChannel());
        if (user.isEmpty()) {
            ignored.increment();
            return;
        }
        cursors.advance(user.get(), ack, action.getTime()).ifPresent(cursor -> {
            outputs.cursor(cursor, timestamp);
            outputs.receiptAck(cursor, timestamp);
        });
    }
}
