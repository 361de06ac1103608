package io.switchboard.processor.users;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of the global store {@code users-store}: applies each record of {@code switchboard.users} (key: user
 * id; value: a {@code UserEntry} as {@link UserEntryCodec} reads it, Avro or JSON) to the directory and its role
 * index, incrementally ({@link RoleIndex}); a tombstone removes the user. The latest record of a user wins, whoever
 * wrote it. A record whose key makes no personal channel {@code user:<key>}, or whose value is not an entry (or names
 * a role with a NUL), is logged ({@code user-record-ignored}), counted ({@code users/ignored}) and skipped, leaving the
 * user as it was. Kafka Streams 4.3 runs this processor when it restores the store at start as well, so the index is
 * built the same way from the topic after a restart (UsersStoreRestoreIT).
 */
public final class UsersStoreProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(UsersStoreProcessor.class);

    private final String storeName;
    private RoleIndex index;
    private ProcessorMetrics.Counter ignored;

    public UsersStoreProcessor(String storeName) {
        this.storeName = storeName;
    }

    /**
     * The store this processor keeps: persistent (RocksDB), keyed as {@link UserKeys} says, without changelog (a
     * global store is restored from its own topic).
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
        this.index = new RoleIndex(store);
        this.ignored = ProcessorMetrics.counter(context.metrics(), "users", "ignored");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String user = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!UserKeys.isUser(user)) {
            ignore(user, "the key makes no valid personal channel 'user:<key>'");
            return;
        }
        if (record.value() == null) {
            index.remove(user);
            return;
        }
        UserEntry entry;
        try {
            entry = UserEntryCodec.decode(record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (IllegalArgumentException e) {
            ignore(user, e.getMessage());
            return;
        }
        Optional<String> unindexable =
                entry.getRoles().stream().filter(role -> !UserKeys.isRole(role)).findFirst();
        if (unindexable.isPresent()) {
            ignore(user, "a role name must not hold NUL");
            return;
        }
        index.put(user, entry);
    }

    private void ignore(String user, String reason) {
        LOG.warn("user-record-ignored: user record with key '{}' skipped: {}", user, reason);
        ignored.increment();
    }
}
