package io.switchboard.processor.events;

import io.switchboard.processor.error.DeadLetterForwarder;
import io.switchboard.schemas.DomainEventCodec;
import io.switchboard.schemas.InvalidEventException;
import io.switchboard.schemas.avro.DomainEvent;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes each record of {@code switchboard.events} (JSON or Avro, see {@link DomainEventCodec}); a valid event
 * goes on to {@code validChild}, an invalid one to the dead-letter sink with the codec's reason.
 */
public final class ValidateEventsProcessor implements Processor<String, byte[], String, Object> {
    private final String stage;
    private final String validChild;
    private final String deadLetterSink;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private DeadLetterForwarder deadLetters;

    public ValidateEventsProcessor(String stage, String validChild, String deadLetterSink, Clock clock) {
        this.stage = stage;
        this.validChild = validChild;
        this.deadLetterSink = deadLetterSink;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.deadLetters = new DeadLetterForwarder(context, stage, deadLetterSink, clock);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        DomainEvent event;
        try {
            event = DomainEventCodec.decode(record.value());
        } catch (InvalidEventException e) {
            deadLetters.forward(record, record.value(), e.getMessage());
            return;
        }
        context.forward(record.withValue(new ValidEvent(event, record.value())), validChild);
    }
}
