package io.switchboard.processor.receipts;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.ReceiptCodec;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.PendingReceipt;
import io.switchboard.schemas.avro.Receipt;
import io.switchboard.schemas.avro.ReceiptAck;
import io.switchboard.schemas.avro.ReceiptCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Answers acks with receipts, for the channels of its task, from {@code switchboard.receipt-commands} (key: channel),
 * keeping them in {@link ReceiptLedger}. A user's ack that moves its cursor on a channel from {@code a} to {@code b}
 * answers every message waiting in {@code (a, b]}, once: each later ack starts where this one ended. A message read
 * back after an ack that already covers it (the ack and the message travel different paths) is answered at once
 * from the ack kept per user. A message of a personal channel has one recipient: answered, it waits no more. A socket
 * publish waits for every subscriber who acks, until the retention; the publisher's own ack is no receipt. A second
 * copy of a message (same event id on the channel, routed again) is never awaited again.
 *
 * <p>Each receipt goes to {@code switchboard.receipts} (key: event id, the JSON of {@link ReceiptCodec}) and, for a
 * socket publish, to the publisher's personal channel as a {@link Receipt} with the {@link ReceiptHeaders#NOTICE}
 * header. All of it happens in the core app's exactly-once transactions, with the stores' changelogs: a crash never
 * answers an ack twice. Every {@code expiryInterval} of wall-clock time, what is older than {@code retention} is
 * forgotten ({@link ReceiptLedger#expire}).
 */
public final class KeepReceiptsProcessor implements Processor<String, ReceiptCommand, String, Object> {
    /** The stores this processor uses and the children it forwards to, by node name. */
    public record Wiring(
            String pendingStore, String eventsStore, String ackedStore, String receiptsChild, String noticesChild) {}

    private final Wiring wiring;
    private final Duration retention;
    private final Duration expiryInterval;
    private ProcessorContext<String, Object> context;
    private ReceiptLedger ledger;
    private ProcessorMetrics.Counter sent;
    private ProcessorMetrics.Counter copies;
    private ProcessorMetrics.Counter expired;

    /**
     * @param retention how long a message waits for acks, and an ack is kept, from its record time
     * @param expiryInterval wall-clock time between looks for what the retention ended
     */
    public KeepReceiptsProcessor(Wiring wiring, Duration retention, Duration expiryInterval) {
        this.wiring = wiring;
        this.retention = retention;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.ledger = new ReceiptLedger(
                context.getStateStore(wiring.pendingStore()),
                context.getStateStore(wiring.eventsStore()),
                context.getStateStore(wiring.ackedStore()));
        this.sent = ProcessorMetrics.counter(context.metrics(), "receipts", "sent");
        this.copies = ProcessorMetrics.counter(context.metrics(), "receipts", "copies-ignored");
        this.expired = ProcessorMetrics.counter(context.metrics(), "receipts", "expired-unanswered");
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            int unanswered = ledger.expire(Instant.ofEpochMilli(now).minus(retention));
            for (int i = 0; i < unanswered; i++) {
                expired.increment();
            }
        });
    }

    @Override
    public void process(Record<String, ReceiptCommand> record) {
        ReceiptCommand command = record.value();
        if (command == null || !ChannelName.isValid(command.getChannel())) {
            return; // only the processor writes this topic, always with a channel it read or granted
        }
        if (command.getCommand() instanceof PendingReceipt message) {
            await(command.getChannel(), message, record.timestamp());
        } else if (command.getCommand() instanceof ReceiptAck ack) {
            ack(command.getChannel(), ack, command.getTime(), record.timestamp());
        }
    }

    private void await(String channel, PendingReceipt message, long timestamp) {
        if (!ledger.firstSight(channel, message)) {
            copies.increment();
            return;
        }
        List<Cursor> earlier = ledger.ackedAtOrPast(channel, message.getOffset());
        for (Cursor ack : earlier) {
            if (!ack.getUserId().equals(message.getPublisherUserId())) {
                answer(channel, message, ack.getUserId(), ack.getUpdatedAt(), timestamp);
            }
        }
        if (!(isPersonal(channel) && !earlier.isEmpty())) {
            ledger.await(channel, message);
        }
    }

    private void ack(String channel, ReceiptAck ack, Instant time, long timestamp) {
        long before = ledger.ackedUpTo(channel, ack.getUserId());
        if (ack.getOffset() <= before) {
            return; // repeated, or late: what it covers was answered by the ack before
        }
        ledger.ack(channel, ack.getUserId(), ack.getOffset(), time);
        for (PendingReceipt message : ledger.pendingBetween(channel, before, ack.getOffset())) {
            if (ack.getUserId().equals(message.getPublisherUserId())) {
                continue;
            }
            answer(channel, message, ack.getUserId(), time, timestamp);
            if (isPersonal(channel)) {
                ledger.answered(channel, message.getOffset());
            }
        }
    }

    private void answer(String channel, PendingReceipt message, String userId, Instant ackedAt, long timestamp) {
        Receipt receipt = new Receipt(message.getEventId(), userId, channel, message.getOffset(), ackedAt);
        context.forward(
                new Record<String, Object>(message.getEventId(), ReceiptCodec.encode(receipt), timestamp),
                wiring.receiptsChild());
        String publisher = message.getPublisherUserId();
        if (publisher != null && ChannelName.isValidUserId(publisher)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(ReceiptHeaders.NOTICE, new byte[0]);
            context.forward(
                    new Record<String, Object>(ChannelName.personalName(publisher), receipt, timestamp, headers),
                    wiring.noticesChild());
        }
        sent.increment();
    }

    private static boolean isPersonal(String channel) {
        return ChannelName.parse(channel).family().equals(ChannelName.PERSONAL_FAMILY);
    }
}
