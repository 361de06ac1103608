package io.switchboard.processor.sessions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps {@code sessions-store} up to date with {@code switchboard.sessions}: a snapshot is kept under its token hash
 * (a used one is never replaced by an unused one, see {@link SessionLedger#keep}), a tombstone removes it. Every
 * {@code expiryInterval} of wall-clock time it removes the expired sessions and writes their tombstones, so the
 * compacted topic forgets them too.
 */
public final class KeepSessionsProcessor implements Processor<String, SessionSnapshot, String, SessionSnapshot> {
    private final String storeName;
    private final String sessionsChild;
    private final Duration expiryInterval;
    private ProcessorContext<String, SessionSnapshot> context;
    private SessionLedger sessions;
    private ProcessorMetrics.Counter keptUsed;
    private ProcessorMetrics.Counter expired;

    /**
     * @param storeName the sessions store
     * @param sessionsChild the sink to {@code switchboard.sessions}, for the tombstones of expired sessions
     * @param expiryInterval wall-clock time between looks for expired sessions
     */
    public KeepSessionsProcessor(String storeName, String sessionsChild, Duration expiryInterval) {
        this.storeName = storeName;
        this.sessionsChild = sessionsChild;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, SessionSnapshot> context) {
        this.context = context;
        KeyValueStore<String, SessionSnapshot> store = context.getStateStore(storeName);
        this.sessions = new SessionLedger(store);
        this.keptUsed = ProcessorMetrics.counter(context.metrics(), "sessions", "kept-used");
        this.expired = ProcessorMetrics.counter(context.metrics(), "sessions", "expired");
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::removeExpired);
    }

    @Override
    public void process(Record<String, SessionSnapshot> record) {
        if (record.key() == null) {
            return; // only the processor writes this topic, always with a key
        }
        if (record.value() == null) {
            sessions.forget(record.key());
        } else if (!sessions.keep(record.key(), record.value())) {
            keptUsed.increment();
        }
    }

    private void removeExpired(long wallClockMs) {
        for (String hash : sessions.removeExpired(Instant.ofEpochMilli(wallClockMs))) {
            context.forward(new Record<String, SessionSnapshot>(hash, null, wallClockMs), sessionsChild);
            expired.increment();
        }
    }
}
