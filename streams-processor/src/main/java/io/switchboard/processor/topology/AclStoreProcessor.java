package io.switchboard.processor.topology;

import io.switchboard.processor.acl.FamilyPattern;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.AclRule;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store {@code acl-store} equal to the valid records of {@code switchboard.acl}: a rule under its
 * family pattern, a tombstone removes it. Operators write that topic (with {@code switchboard acl} or any
 * producer), so a record whose key is not a family pattern or whose value is not an {@code AclRule} is logged
 * ({@code acl-record-ignored}), counted and skipped, leaving the rule it would have replaced in force: a bad record
 * must never stop the processor. It also runs when the store is restored at start, so a bad record is skipped there
 * too.
 */
final class AclStoreProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(AclStoreProcessor.class);

    private final String storeName;
    private KeyValueStore<String, AclRule> store;
    private ProcessorMetrics.Counter ignored;

    AclStoreProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
        this.ignored = ProcessorMetrics.counter(context.metrics(), "acl", "ignored");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        FamilyPattern pattern;
        try {
            pattern = FamilyPattern.parse(key);
        } catch (IllegalArgumentException e) {
            ignore(key, e.getMessage());
            return;
        }
        if (record.value() == null) {
            store.delete(pattern.key());
            return;
        }
        try {
            store.put(pattern.key(), SwitchboardSerdes.aclRule().decode(record.value()));
        } catch (SerializationException e) {
            ignore(key, e.getMessage());
        }
    }

    private void ignore(String key, String reason) {
        LOG.warn("acl-record-ignored: ACL record with key '{}' skipped: {}", key, reason);
        ignored.increment();
    }
}
