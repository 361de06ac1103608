package io.switchboard.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.actions.ConfirmPublishesProcessor;
import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.processor.receipts.AwaitReceiptsProcessor;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.ReceiptCommand;
import io.switchboard.schemas.avro.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The read-back app commits the position of records that ask for nothing only at its long interval, so the two
 * processors that answer a record must ask for a commit themselves: otherwise {@code published} and the pending
 * receipt would wait in an open transaction for the interval.
 */
class ReadBackCommitsTest {
    private static final Instant TIME = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void confirmingAPublishAsksForACommitAndADomainEventDoesNot() {
        MockProcessorContext<String, Reply> context = context();
        Processor<byte[], byte[], String, Reply> confirm = new ConfirmPublishesProcessor();
        confirm.init(context);

        confirm.process(record(new RecordHeaders(), new byte[] {1}));
        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).isFalse();

        RecordHeaders publish = new RecordHeaders();
        publish.add(PublishHeaders.GATEWAY, bytes("gw-1"));
        publish.add(PublishHeaders.CONNECTION, bytes("c-1"));
        confirm.process(record(publish, new byte[] {2}));
        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void notingAMessageThatAskedForReceiptsAsksForACommitAndOthersDoNot() {
        MockProcessorContext<String, ReceiptCommand> context = context();
        Processor<byte[], byte[], String, ReceiptCommand> await = new AwaitReceiptsProcessor();
        await.init(context);

        await.process(record(new RecordHeaders(), delivery()));
        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).isFalse();

        RecordHeaders asked = new RecordHeaders();
        asked.add(ReceiptHeaders.REQUESTED, ReceiptHeaders.requestedBy(Optional.empty()));
        await.process(record(asked, delivery()));
        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.committed()).isTrue();
    }

    private static <K, V> MockProcessorContext<K, V> context() {
        MockProcessorContext<K, V> context = new MockProcessorContext<>();
        context.setRecordMetadata("switchboard.out.forum_threads", 0, 7L);
        return context;
    }

    private static Record<byte[], byte[]> record(RecordHeaders headers, byte[] value) {
        return new Record<>(bytes("forum_threads:1"), value, TIME.toEpochMilli(), headers);
    }

    private static byte[] delivery() {
        Payload payload =
                Payload.newBuilder().setData(ByteBuffer.wrap(bytes("{}"))).build();
        return SwitchboardSerdes.delivery()
                .encode(Delivery.newBuilder()
                        .setChannel("forum_threads:1")
                        .setEventId("evt-1")
                        .setTime(TIME)
                        .setPayload(payload)
                        .build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
