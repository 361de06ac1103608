package io.switchboard.processor.sessions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code Resume} actions of {@code switchboard.actions} (every other action is {@code answer-actions}'
 * business): the first valid use of a token wins a {@code Resumed} with the session to restore, and the used session
 * is written back to {@code switchboard.sessions}; every other use, and any unknown or expired token, gets a {@code
 * Refused} with code {@value #TOKEN_INVALID}. The reply goes to the resuming connection's gateway; its new {@code
 * Connect} and {@code Subscribe}s then go through the policy again like any other.
 */
public final class ResumeSessionsProcessor implements Processor<String, ClientAction, String, Object> {
    /** The code of a refused resume (the gateway answers HTTP 401). */
    static final String TOKEN_INVALID = "token_invalid";

    // One message for every reason, so a client learns nothing about tokens it does not hold.
    static final String TOKEN_INVALID_MESSAGE = "the reconnection token is unknown, expired or already used";

    private static final Logger LOG = LoggerFactory.getLogger(ResumeSessionsProcessor.class);

    /** The store this processor uses and the children it forwards to, by node name. */
    public record Wiring(String sessionsStore, String repliesChild, String sessionsChild) {}

    private final Wiring wiring;
    private ProcessorContext<String, Object> context;
    private SessionLedger sessions;
    private ProcessorMetrics.Counter resumed;
    private final Map<SessionLedger.Reason, ProcessorMetrics.Counter> refused =
            new EnumMap<>(SessionLedger.Reason.class);

    public ResumeSessionsProcessor(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, SessionSnapshot> store = context.getStateStore(wiring.sessionsStore());
        this.sessions = new SessionLedger(store);
        this.resumed = ProcessorMetrics.counter(context.metrics(), "sessions", "resumed");
        for (SessionLedger.Reason reason : SessionLedger.Reason.values()) {
            String operation = "refused-" + reason.name().toLowerCase(Locale.ROOT);
            refused.put(reason, ProcessorMetrics.counter(context.metrics(), "sessions", operation));
        }
    }

    @Override
    public void process(Record<String, ClientAction> record) {
        ClientAction action = record.value();
        if (action == null || !(action.getAction() instanceof Resume resume)) {
            return;
        }
        String hash = resume.getTokenHash();
        if (!Objects.equals(record.key(), hash)) {
            // Then it may have landed in a partition that does not hold its session: refused as unknown.
            LOG.warn(
                    "resume-misrouted: a Resume from gateway {} is keyed '{}', not by its token hash",
                    action.getGatewayId(),
                    record.key());
        }
        SessionLedger.Use use = sessions.use(hash, action.getTime());
        if (use instanceof SessionLedger.Accepted accepted) {
            context.forward(
                    new Record<String, Object>(hash, accepted.session(), record.timestamp()), wiring.sessionsChild());
            reply(record, action, SessionSnapshots.resumed(accepted.session()));
            resumed.increment();
        } else if (use instanceof SessionLedger.Rejected rejected) {
            reply(record, action, new Refused("", TOKEN_INVALID, TOKEN_INVALID_MESSAGE));
            refused.get(rejected.reason()).increment();
        }
    }

    private void reply(Record<String, ClientAction> record, ClientAction action, Object body) {
        Reply reply = Reply.newBuilder()
                .setConnectionId(action.getConnectionId())
                .setRequestId(action.getRequestId())
                .setTime(action.getTime())
                .setBody(body)
                .build();
        context.forward(
                new Record<String, Object>(action.getGatewayId(), reply, record.timestamp()), wiring.repliesChild());
    }
}
