package io.switchboard.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.users.RoleDirectory;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code users-store} follows {@code switchboard.users}, in either format, and skips what is not a user entry. */
class UsersStoreTopologyTest {
    private static final Instant WRITTEN = Instant.parse("2026-11-20T09:59:00Z");

    private final TopologyFixture fixture = new TopologyFixture();
    private final RoleDirectory directory = new RoleDirectory(fixture.usersStore());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void holdsAnAvroEntryAsWritten() {
        UserEntry entry = new UserEntry(List.of("admin", "viewer"), WRITTEN, "ops");
        fixture.users.pipeInput("alice", UserEntryCodec.encode(entry));

        assertThat(directory.entry("alice")).contains(entry);
        assertThat(directory.holders("admin")).containsExactly("alice");
        assertThat(directory.holders("viewer")).containsExactly("alice");
    }

    @Test
    void holdsAJsonEntryStampedWithItsRecordTime() {
        fixture.users.pipeInput(
                new TestRecord<>("bob", json("{\"roles\":[\"bot\",\"bot\"],\"updated_by\":\"idp\"}"), WRITTEN));
        fixture.users.pipeInput(new TestRecord<>("carol", json("{\"roles\":[]}"), WRITTEN));

        assertThat(directory.entry("bob")).contains(new UserEntry(List.of("bot"), WRITTEN, "idp"));
        assertThat(directory.entry("carol")).contains(new UserEntry(List.of(), WRITTEN, null));
        assertThat(directory.holders("bot")).containsExactly("bob");
    }

    @Test
    void keepsTheLatestRecordOfAUserWhoeverWroteIt() {
        fixture.setRoles("alice", "admin");
        fixture.users.pipeInput("alice", json("{\"roles\":[\"viewer\"]}"));

        assertThat(directory.entry("alice").orElseThrow().getRoles()).containsExactly("viewer");
        assertThat(directory.holders("admin")).isEmpty();
    }

    @Test
    void forgetsAUserOnATombstone() {
        fixture.setRoles("alice", "admin");
        fixture.setRoles("bob", "admin");
        fixture.users.pipeInput("alice", (byte[]) null);

        assertThat(directory.entry("alice")).isEmpty();
        assertThat(directory.holders("admin")).containsExactly("bob");
    }

    @Test
    void skipsAndCountsRecordsThatAreNotUserEntriesKeepingWhatWasThere() {
        fixture.setRoles("alice", "admin");
        fixture.users.pipeInput("alice", json("{\"roles\":\"admin\"}"));
        fixture.users.pipeInput("alice", json("{\"roles\":[\"viewer\"],\"email\":\"a@example.com\"}"));
        fixture.users.pipeInput("alice", json("{\"roles\":[\"admin\u0000viewer\"]}"));
        fixture.users.pipeInput("alice", new byte[] {(byte) 0xC3, 0x01, 9, 9});
        fixture.users.pipeInput("alice", new byte[0]);
        fixture.users.pipeInput("not a user", json("{\"roles\":[\"admin\"]}"));
        fixture.users.pipeInput((String) null, json("{\"roles\":[\"admin\"]}"));

        assertThat(directory.entry("alice").orElseThrow().getRoles()).containsExactly("admin");
        assertThat(directory.holders("admin")).containsExactly("alice");
        assertThat(directory.holders("viewer")).isEmpty();
        // each app reads the topic into its own copy of the global store
        assertThat(TopologyFixture.counter(fixture.driver, "users", "ignored")).isEqualTo(7.0);
        assertThat(TopologyFixture.counter(fixture.eventsDriver, "users", "ignored"))
                .isEqualTo(7.0);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
