package io.switchboard.processor.error;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output that cannot be serialized or written (a record too large for its topic, say): retriable errors are
 * retried; anything else is logged and the source record is written to the dead-letter topic with {@link
 * DeadLetter} headers, so one bad record never stops the stream. A failure to write the dead letter itself is
 * only logged, so it cannot loop.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    /** The {@code error.stage} of records that could not be written. */
    static final String STAGE = "produce";
    /** The {@code error.stage} of records whose output could not be serialized. */
    static final String SERIALIZE_STAGE = "serialize";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String dlqTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DeadLetter.topicFrom(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.warn("write-retrying: {} to {}", DeadLetter.reasonOf(exception), record.topic());
            return Response.retry();
        }
        return giveUp(STAGE, context, record.topic(), record.key(), record.value(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        return giveUp(SERIALIZE_STAGE, context, record.topic(), null, null, exception);
    }

    private Response giveUp(
            String stage, ErrorHandlerContext context, String topic, byte[] key, byte[] value, Exception exception) {
        LOG.error(
                "write-failed: cannot write a record to {} (from {}-{}@{}), dead-letter topic {}",
                topic,
                context.topic(),
                context.partition(),
                context.offset(),
                dlqTopic,
                exception);
        if (dlqTopic == null || dlqTopic.equals(topic)) {
            return Response.resume();
        }
        // The source record is the one an operator can replay; fall back to the output when it is not known.
        boolean hasSource = context.sourceRawValue() != null || context.sourceRawKey() != null;
        DeadLetter letter = DeadLetter.of(context, stage, exception, System.currentTimeMillis());
        return Response.resume(List.of(letter.toRecord(
                dlqTopic,
                hasSource ? context.sourceRawKey() : key,
                hasSource ? context.sourceRawValue() : value,
                context.headers(),
                exception)));
    }
}
