package io.switchboard.processor.error;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception thrown while processing a record is logged, the source record (raw key and value, as
 * read) is written to the dead-letter topic with {@link DeadLetter} headers naming the processor, and processing
 * goes on with the next record; Kafka Streams counts it in {@code dropped-records-total}. Expected outcomes, such
 * as an invalid domain event, never reach this handler: the topology dead-letters them itself.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String dlqTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DeadLetter.topicFrom(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error(
                "processing-failed: {} failed on {}-{}@{}, dead-letter topic {}",
                context.processorNodeId(),
                context.topic(),
                context.partition(),
                context.offset(),
                dlqTopic,
                exception);
        if (dlqTopic == null) {
            return Response.resume();
        }
        DeadLetter letter = DeadLetter.of(context, context.processorNodeId(), exception, System.currentTimeMillis());
        return Response.resume(List.of(letter.toRecord(
                dlqTopic, context.sourceRawKey(), context.sourceRawValue(), context.headers(), exception)));
    }
}
