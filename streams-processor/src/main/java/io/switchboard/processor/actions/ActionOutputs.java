package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.ReceiptAck;
import io.switchboard.schemas.avro.ReceiptCommand;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.UserEntry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What {@code answer-actions} writes, each to its child node: replies keyed by the gateway that holds the connection,
 * publishes keyed by channel, cursors, sessions keyed by token hash, role directory entries keyed by user id, and
 * presence commands and acks for receipts keyed by channel.
 */
final class ActionOutputs {
    private final ProcessorContext<String, Object> context;
    private final AnswerActionsProcessor.Wiring wiring;
    private final ProcessorMetrics.Counter refused;

    ActionOutputs(ProcessorContext<String, Object> context, AnswerActionsProcessor.Wiring wiring) {
        this.context = context;
        this.wiring = wiring;
        this.refused = ProcessorMetrics.counter(context.metrics(), "actions", "refused");
    }

    /** Answers the client's request in {@code action}; a {@link Refused} is counted. */
    void reply(ClientAction action, Object body, long timestamp) {
        if (body instanceof Refused) {
            refused.increment();
        }
        Reply reply = ActionAnswers.reply(action.getConnectionId(), action.getRequestId(), action.getTime(), body);
        send(action.getGatewayId(), reply, timestamp);
    }

    void send(String gatewayId, Reply reply, long timestamp) {
        forward(gatewayId, reply, timestamp, wiring.repliesChild());
    }

    void publish(String channel, Delivery delivery, long timestamp, Headers headers) {
        context.forward(new Record<String, Object>(channel, delivery, timestamp, headers), wiring.publishesChild());
    }

    void cursor(Cursor cursor, long timestamp) {
        String key = CursorLedger.key(cursor.getUserId(), cursor.getChannel());
        forward(key, cursor, timestamp, wiring.cursorsChild());
    }

    // Keyed by the token's hash, so it lands in the partition (and the task) that the token's Resume will reach.
    void session(String tokenHash, SessionSnapshot snapshot, long timestamp) {
        forward(tokenHash, snapshot, timestamp, wiring.sessionsChild());
    }

    // Keyed by user id, like every writer of switchboard.users, so that the latest record of a user is its entry.
    void userEntry(String userId, UserEntry entry, long timestamp) {
        forward(userId, entry, timestamp, wiring.usersChild());
    }

    // Keyed by channel, so that every connection of a channel reaches the one task that keeps the channel's presence.
    void presence(PresenceCommand command, long timestamp) {
        forward(command.getChannel(), command, timestamp, wiring.presenceChild());
    }

    // Keyed by channel, so that it meets the channel's messages that wait for receipts in one task.
    void receiptAck(Cursor cursor, long timestamp) {
        ReceiptCommand command = new ReceiptCommand(
                cursor.getChannel(), cursor.getUpdatedAt(), new ReceiptAck(cursor.getUserId(), cursor.getOffset()));
        forward(cursor.getChannel(), command, timestamp, wiring.receiptAcksChild());
    }

    private void forward(String key, Object value, long timestamp, String child) {
        context.forward(new Record<String, Object>(key, value, timestamp), child);
    }
}
