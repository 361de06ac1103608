package io.switchboard.processor.error;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be deserialized (a {@code ClientAction} that is not Avro, say) is logged,
 * written unchanged to the dead-letter topic with {@link DeadLetter} headers, and skipped; Kafka Streams counts
 * it in its {@code dropped-records-total} task metric. Without a dead-letter topic it is logged and skipped.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    /** The {@code error.stage} of records this handler dead-letters. */
    static final String STAGE = "deserialize";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String dlqTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DeadLetter.topicFrom(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn(
                "record-unreadable: skipping {}-{}@{} ({}), dead-letter topic {}",
                record.topic(),
                record.partition(),
                record.offset(),
                DeadLetter.reasonOf(exception),
                dlqTopic);
        if (dlqTopic == null) {
            return Response.resume();
        }
        DeadLetter letter = new DeadLetter(
                DeadLetter.reasonOf(exception),
                STAGE,
                record.topic(),
                record.partition(),
                record.offset(),
                System.currentTimeMillis());
        return Response.resume(
                List.of(letter.toRecord(dlqTopic, record.key(), record.value(), record.headers(), exception)));
    }
}
