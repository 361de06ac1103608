package io.switchboard.processor.receipts;

import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PendingReceipt;
import io.switchboard.schemas.avro.ReceiptCommand;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads the output topics back (beside {@code confirm-publishes}, which does the same for {@code published}): a
 * delivery with the {@link ReceiptHeaders#REQUESTED} header now has an offset, so it becomes a {@link PendingReceipt}
 * on {@code switchboard.receipt-commands}, keyed by its channel, where {@code keep-receipts} waits for the acks. A
 * record without the header costs one header lookup; a replayed copy asks for nothing (its message did already).
 * Under {@code exactly_once_v2} this reads {@code read_committed} and writes in the transaction that consumes it,
 * committed at once (a commit request: the read-back app's own interval is long, see {@code ConfirmPublishesProcessor}).
 */
public final class AwaitReceiptsProcessor implements Processor<byte[], byte[], String, ReceiptCommand> {
    private ProcessorContext<String, ReceiptCommand> context;

    @Override
    public void init(ProcessorContext<String, ReceiptCommand> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> source = context.recordMetadata();
        if (!ReceiptHeaders.isRequested(record.headers()) || record.value() == null || source.isEmpty()) {
            return;
        }
        Delivery delivery;
        try {
            delivery = SwitchboardSerdes.delivery().decode(record.value());
        } catch (RuntimeException e) {
            return; // only the processor marks deliveries, and gateways skip what they cannot decode alike
        }
        if (delivery.getReplayed() || delivery.getEventId() == null) {
            return;
        }
        Instant time = Instant.ofEpochMilli(record.timestamp());
        PendingReceipt message = new PendingReceipt(
                delivery.getEventId(),
                source.get().offset(),
                ReceiptHeaders.publisher(record.headers()).orElse(null),
                time);
        String channel = delivery.getChannel();
        context.forward(new Record<>(channel, new ReceiptCommand(channel, time, message), record.timestamp()));
        context.commit(); // the read-back app commits the others' position only now and then
    }
}
