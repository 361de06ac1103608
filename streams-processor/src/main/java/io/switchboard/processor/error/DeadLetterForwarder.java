package io.switchboard.processor.error;

import io.switchboard.processor.metrics.ProcessorMetrics;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used by a processor to give up on the record it is processing: forwards the original key, value and headers,
 * plus {@link DeadLetter} headers, to the dead-letter sink, logs it once and counts it in {@code
 * events/dead-lettered}.
 */
public final class DeadLetterForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterForwarder.class);

    private final ProcessorContext<String, Object> context;
    private final String stage;
    private final String sinkName;
    private final Clock clock;
    private final ProcessorMetrics.Counter deadLettered;

    /**
     * @param stage the {@code error.stage} header, the name of the processor giving up
     * @param sinkName the child node that writes the dead-letter topic
     */
    public DeadLetterForwarder(ProcessorContext<String, Object> context, String stage, String sinkName, Clock clock) {
        this.context = context;
        this.stage = stage;
        this.sinkName = sinkName;
        this.clock = clock;
        this.deadLettered = ProcessorMetrics.counter(context.metrics(), "events", "dead-lettered");
    }

    /** Dead-letters {@code record}, whose value as read from the source topic was {@code originalValue}. */
    public void forward(Record<String, ?> record, byte[] originalValue, String reason) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        DeadLetter letter = new DeadLetter(reason, stage, topic, partition, offset, clock.millis());
        LOG.warn("event-dead-lettered: {}-{}@{} at {}: {}", topic, partition, offset, stage, reason);
        context.forward(
                new Record<>(record.key(), originalValue, record.timestamp(), letter.headers(record.headers())),
                sinkName);
        deadLettered.increment();
    }
}
