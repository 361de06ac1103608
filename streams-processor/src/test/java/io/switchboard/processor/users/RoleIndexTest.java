package io.switchboard.processor.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.UserEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory and its role index in the store the processor uses (RocksDB), changed one user at a time. */
class RoleIndexTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path stateDir;

    private KeyValueStore<String, byte[]> store;
    private RoleIndex index;
    private RoleDirectory directory;

    @BeforeEach
    void open() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "role-index-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        MockProcessorContext<Void, Void> context =
                new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        store = UsersStoreProcessor.store("users-store").build();
        store.init(context.getStateStoreContext(), store);
        index = new RoleIndex(store);
        directory = new RoleDirectory(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void findsTheHoldersOfARoleInUserIdOrderAndNoOneElse() {
        index.put("zoe", entry("admin"));
        index.put("alice", entry("viewer", "admin"));
        index.put("bob", entry("viewer"));
        index.put("carol", entry("admins"));
        index.put("al", entry("admin"));

        assertThat(directory.holders("admin")).containsExactly("al", "alice", "zoe");
        assertThat(directory.holders("viewer")).containsExactly("alice", "bob");
        assertThat(directory.holders("admins")).containsExactly("carol");
        assertThat(directory.holders("adm")).isEmpty();
        assertThat(directory.holders("bot")).isEmpty();
    }

    @Test
    void movesAUserBetweenRolesWhenItsEntryChanges() {
        index.put("alice", entry("admin", "viewer"));
        index.put("alice", entry("viewer", "bot"));

        assertThat(directory.holders("admin")).isEmpty();
        assertThat(directory.holders("viewer")).containsExactly("alice");
        assertThat(directory.holders("bot")).containsExactly("alice");
        assertThat(directory.entry("alice").orElseThrow().getRoles()).containsExactly("viewer", "bot");
    }

    @Test
    void forgetsARemovedUserAndEveryRoleItHeld() {
        index.put("alice", entry("admin", "viewer"));
        index.put("bob", entry("admin"));
        index.remove("alice");
        index.remove("nobody");

        assertThat(directory.entry("alice")).isEmpty();
        assertThat(directory.holders("admin")).containsExactly("bob");
        assertThat(directory.holders("viewer")).isEmpty();
        assertThat(keys()).containsExactly("r\u0000admin\u0000bob", "u\u0000bob");
    }

    @Test
    void endsInTheSameStateWhenARecordIsAppliedAgain() {
        index.put("alice", entry("admin"));
        index.put("alice", entry("viewer"));
        List<String> once = keys();
        index.put("alice", entry("viewer"));

        assertThat(keys()).isEqualTo(once).containsExactly("r\u0000viewer\u0000alice", "u\u0000alice");
    }

    @Test
    void keepsUsersWhoseIdsShareAPrefixApart() {
        index.put("ann", entry("admin"));
        index.put("ann:2", entry("viewer"));
        index.remove("ann");

        assertThat(directory.holders("viewer")).containsExactly("ann:2");
        assertThat(directory.holders("admin")).isEmpty();
        assertThat(directory.entry("ann:2")).isPresent();
    }

    @Test
    void knowsNoHolderOfANameNoRoleCanHave() {
        index.put("alice", entry("admin"));

        assertThat(directory.holders("")).isEmpty();
        assertThat(directory.holders("admin\u0000alice")).isEmpty();
        assertThat(directory.entry("not a user")).isEmpty();
    }

    private static UserEntry entry(String... roles) {
        return new UserEntry(List.of(roles), T, "test");
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> kv) -> keys.add(kv.key));
        }
        return keys;
    }
}
