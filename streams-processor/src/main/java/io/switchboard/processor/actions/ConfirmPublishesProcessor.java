package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Answers a client's publish with {@code published}, the offset its message got and its event id: it reads the
 * output topics back and, for each record that carries the {@link PublishHeaders} (written by {@link
 * AnswerActionsProcessor}), replies to the publishing connection through its gateway. A processor cannot know the offset of a record it
 * forwards; here it is the offset of the record being read. A record without the headers (every domain event)
 * costs one header lookup and nothing else; keys and values are never decoded.
 *
 * <p>Under {@code exactly_once_v2} this source reads {@code read_committed}, so {@code published} is sent only once
 * the message is committed, and the reply is itself written in the transaction that consumes the record: a client
 * never hears {@code published} for a message the gateways will not deliver.
 *
 * <p>It runs in the read-back app, whose commit interval is long: most records read back are domain events that ask
 * for nothing, and committing their position every few milliseconds cost a transaction each time. A reply asks for a
 * commit at once ({@link ProcessorContext#commit}), so a publisher hears {@code published} as soon as before.
 */
public final class ConfirmPublishesProcessor implements Processor<byte[], byte[], String, Reply> {
    private ProcessorContext<String, Reply> context;
    private ProcessorMetrics.Counter confirmed;

    @Override
    public void init(ProcessorContext<String, Reply> context) {
        this.context = context;
        this.confirmed = ProcessorMetrics.counter(context.metrics(), "publishes", "confirmed");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Headers headers = record.headers();
        String gateway = PublishHeaders.text(headers, PublishHeaders.GATEWAY);
        if (gateway == null) {
            return; // a domain event's delivery, not a publish
        }
        String connection = PublishHeaders.text(headers, PublishHeaders.CONNECTION);
        if (connection == null
                || record.key() == null
                || context.recordMetadata().isEmpty()) {
            return; // not written by AnswerActionsProcessor: nobody to answer
        }
        RecordMetadata source = context.recordMetadata().get();
        Reply reply = Reply.newBuilder()
                .setConnectionId(connection)
                .setRequestId(PublishHeaders.text(headers, PublishHeaders.REQUEST))
                .setTime(Instant.ofEpochMilli(record.timestamp()))
                .setBody(new Published(
                        new String(record.key(), StandardCharsets.UTF_8),
                        source.offset(),
                        PublishHeaders.text(headers, PublishHeaders.EVENT_ID)))
                .build();
        // A fresh record: the publish headers stay on the output topic, they mean nothing on the replies topic.
        context.forward(new Record<>(gateway, reply, record.timestamp()));
        context.commit();
        confirmed.increment();
    }
}
