package io.switchboard.processor.users;

import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.UserEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The role directory as the processor reads it: the global store {@code users-store}, which every instance holds in
 * full from the compacted {@code switchboard.users} (written by identity services, operators with {@code
 * switchboard users}, and the processor itself with the roles seen at connect). Who holds a role is one range scan
 * of the role index ({@link UserKeys}), never a pass over all users. Read on a stream thread; the global thread
 * keeps it current ({@link UsersStoreProcessor}), so a record just written may not be visible yet.
 */
public final class RoleDirectory {
    private static final AvroSerde<UserEntry> ENTRIES = SwitchboardSerdes.userEntry();
    private static final StringSerializer PREFIX = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, byte[]> store;

    public RoleDirectory(ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The entry of {@code user}; empty when the directory does not know the user. */
    public Optional<UserEntry> entry(String user) {
        if (!UserKeys.isUser(user)) {
            return Optional.empty();
        }
        byte[] bytes = store.get(UserKeys.entry(user));
        return bytes == null ? Optional.empty() : Optional.of(ENTRIES.decode(bytes));
    }

    /** The users who hold {@code role}, in user-id order; none for a name no role can have (blank, NUL). */
    public List<String> holders(String role) {
        if (!UserKeys.isRole(role)) {
            return List.of();
        }
        List<String> users = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> keys = store.prefixScan(UserKeys.holdersOf(role), PREFIX)) {
            while (keys.hasNext()) {
                KeyValue<String, byte[]> next = keys.next();
                users.add(UserKeys.userOf(next.key));
            }
        }
        return users;
    }

    static byte[] encode(UserEntry entry) {
        return ENTRIES.encode(entry);
    }
}
