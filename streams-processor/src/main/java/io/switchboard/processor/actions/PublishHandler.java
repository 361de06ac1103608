package io.switchboard.processor.actions;

import io.switchboard.processor.compression.CompressOnce;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Refused;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;

/**
 * Publish: a refused one is answered at once; an allowed one becomes a {@code Delivery} to its channel, compressed
 * once for the family and marked with {@link PublishHeaders}, which {@link ConfirmPublishesProcessor} answers; one
 * with {@code receipts} of an authenticated publisher also with {@link ReceiptHeaders#REQUESTED} naming it.
 */
final class PublishHandler {
    private final ActionAnswers answers;
    private final Supplier<String> eventIds;
    private final CompressOnce compressOnce;
    private final ActionOutputs outputs;

    PublishHandler(ActionAnswers answers, Supplier<String> eventIds, CompressOnce compressOnce, ActionOutputs outputs) {
        this.answers = answers;
        this.eventIds = eventIds;
        this.compressOnce = compressOnce;
        this.outputs = outputs;
    }

    void publish(ClientAction action, Publish publish, long timestamp) {
        Optional<Refused> refusal = answers.publishRefusal(action, publish);
        if (refusal.isPresent()) {
            outputs.reply(action, refusal.get(), timestamp);
            return;
        }
        Delivery delivery = ActionAnswers.delivery(action, publish, eventIds.get());
        String family = ChannelName.parse(publish.getChannel()).family();
        delivery.setPayload(compressOnce.apply(family, delivery.getPayload()));
        // Stamped with the action's time, which the published reply then carries like every other reply.
        Headers headers = PublishHeaders.of(action, delivery.getEventId());
        // An anonymous publisher has no personal channel to receive receipts on: its flag is ignored.
        if (publish.getReceipts() && ChannelName.isValidUserId(action.getUserId())) {
            headers.add(ReceiptHeaders.REQUESTED, ReceiptHeaders.requestedBy(Optional.of(action.getUserId())));
        }
        outputs.publish(publish.getChannel(), delivery, action.getTime().toEpochMilli(), headers);
    }
}
