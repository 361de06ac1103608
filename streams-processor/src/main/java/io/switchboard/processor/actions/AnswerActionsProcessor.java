package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Answers client actions from {@code switchboard.actions}: each reply is keyed by the gateway that holds the
 * connection, so that gateway alone reads it from {@code switchboard.replies}.
 */
public final class AnswerActionsProcessor implements Processor<String, ClientAction, String, Reply> {
    private final ActionAnswers answers;
    private ProcessorContext<String, Reply> context;
    private ProcessorMetrics.Counter refused;

    public AnswerActionsProcessor(ActionAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void init(ProcessorContext<String, Reply> context) {
        this.context = context;
        this.refused = ProcessorMetrics.counter(context.metrics(), "actions", "refused");
    }

    @Override
    public void process(Record<String, ClientAction> record) {
        ClientAction action = record.value();
        if (action == null) {
            return; // a tombstone carries no action
        }
        answers.answer(action).ifPresent(reply -> {
            if (reply.getBody() instanceof Refused) {
                refused.increment();
            }
            context.forward(new Record<>(action.getGatewayId(), reply, record.timestamp()));
        });
    }
}
