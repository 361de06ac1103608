package io.switchboard.processor.users;

import io.switchboard.schemas.avro.UserEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Changes {@code users-store} one user at a time: the user's entry and its role index keys together, touching only
 * the index keys of roles that were added or removed. The entry is written last, so replaying a record over a store
 * that already holds some of its effect (a restore from an older checkpoint) ends in the same state.
 */
final class RoleIndex {
    private static final byte[] HOLDS = new byte[0];

    private final KeyValueStore<String, byte[]> store;
    private final RoleDirectory directory;

    RoleIndex(KeyValueStore<String, byte[]> store) {
        this.store = store;
        this.directory = new RoleDirectory(store);
    }

    /** Makes {@code entry} the entry of {@code user}; its roles must pass {@link UserKeys#isRole}. */
    void put(String user, UserEntry entry) {
        Set<String> before = rolesOf(user);
        Set<String> after = new LinkedHashSet<>(entry.getRoles());
        for (String role : before) {
            if (!after.contains(role)) {
                store.delete(UserKeys.holder(role, user));
            }
        }
        for (String role : after) {
            if (!before.contains(role)) {
                store.put(UserKeys.holder(role, user), HOLDS);
            }
        }
        store.put(UserKeys.entry(user), RoleDirectory.encode(entry));
    }

    /** Forgets {@code user} and every role it held. */
    void remove(String user) {
        for (String role : rolesOf(user)) {
            store.delete(UserKeys.holder(role, user));
        }
        store.delete(UserKeys.entry(user));
    }

    private Set<String> rolesOf(String user) {
        return new LinkedHashSet<>(
                directory.entry(user).map(UserEntry::getRoles).orElse(List.of()));
    }
}
