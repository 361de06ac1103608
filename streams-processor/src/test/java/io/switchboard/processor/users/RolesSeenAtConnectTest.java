package io.switchboard.processor.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolesSeenAtConnectTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    private final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore("users-store"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    private final RolesSeenAtConnect seen = new RolesSeenAtConnect(new RoleDirectory(store));

    @BeforeEach
    void open() {
        store.init(new MockProcessorContext<Void, Void>().getStateStoreContext(), store);
        new RoleIndex(store).put("alice", new UserEntry(List.of("admin", "viewer"), Instant.EPOCH, "idp"));
    }

    @Test
    void writesTheRolesOfAUserTheDirectoryDoesNotKnow() {
        assertThat(seen.entryToWrite("bob", List.of("viewer"), T))
                .contains(new UserEntry(List.of("viewer"), T, "connect"));
        assertThat(seen.entryToWrite("carol", List.of(), T)).contains(new UserEntry(List.of(), T, "connect"));
    }

    @Test
    void writesNothingWhenTheDirectoryHasTheSameRolesInAnyOrder() {
        assertThat(seen.entryToWrite("alice", List.of("viewer", "admin"), T)).isEmpty();
        assertThat(seen.entryToWrite("alice", List.of("admin", "viewer", "admin"), T))
                .isEmpty();
    }

    @Test
    void writesTheNewSetWhenTheRolesDiffer() {
        assertThat(seen.entryToWrite("alice", List.of("viewer"), T))
                .contains(new UserEntry(List.of("viewer"), T, "connect"));
        assertThat(seen.entryToWrite("alice", List.of("admin", "viewer", "bot"), T))
                .contains(new UserEntry(List.of("admin", "viewer", "bot"), T, "connect"));
    }

    @Test
    void writesNothingForAnAnonymousConnection() {
        assertThat(seen.entryToWrite(null, List.of("viewer"), T)).isEmpty();
        assertThat(seen.entryToWrite("", List.of(), T)).isEmpty();
    }

    @Test
    void leavesOutRoleNamesTheDirectoryCannotHold() {
        assertThat(seen.entryToWrite("alice", List.of("admin", " ", "viewer", "a\u0000b"), T))
                .isEmpty();
        assertThat(seen.entryToWrite("dave", List.of("bot", ""), T))
                .contains(new UserEntry(List.of("bot"), T, "connect"));
    }
}
