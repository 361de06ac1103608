package io.switchboard.launcher.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryEntryTest {
    private static final Instant RECORD_TIME = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void anAvroValueIsReadWithItsOwnTimeAndWriter() {
        Instant written = Instant.parse("2026-11-20T08:00:00Z");
        byte[] value = UserEntryCodec.encode(new UserEntry(List.of("admin", "viewer"), written, "ops"));

        DirectoryEntry entry = DirectoryEntry.decode("alice", value, RECORD_TIME);

        assertThat(entry.readable()).isTrue();
        assertThat(entry.roles()).containsExactly("admin", "viewer");
        assertThat(entry.updatedAt()).isEqualTo(written);
        assertThat(entry.updatedBy()).isEqualTo("ops");
        assertThat(entry.ignoredBecause()).isEmpty();
    }

    @Test
    void theJsonOfAnIdentityServiceIsReadWithTheRecordsTime() {
        DirectoryEntry entry = DirectoryEntry.decode("bob", utf8("{\"roles\":[\"admin\"]}"), RECORD_TIME);

        assertThat(entry.roles()).containsExactly("admin");
        assertThat(entry.hasRole("admin")).isTrue();
        assertThat(entry.updatedAt()).isEqualTo(RECORD_TIME);
        assertThat(entry.updatedBy()).isEmpty();
    }

    @Test
    void anUnreadableValueKeepsTheReasonAndHoldsNoRole() {
        DirectoryEntry entry = DirectoryEntry.decode("carol", utf8("{\"roles\":\"admin\"}"), RECORD_TIME);

        assertThat(entry.readable()).isFalse();
        assertThat(entry.roles()).isEmpty();
        assertThat(entry.hasRole("admin")).isFalse();
        assertThat(entry.updatedAt()).isEqualTo(RECORD_TIME);
        assertThat(entry.ignoredBecause()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("unreadable value: ")
                .contains("'roles' must be an array of strings"));
    }

    @Test
    void aReadableEntryUnderAnInvalidUserIdIsIgnoredByTheProcessor() {
        DirectoryEntry entry = DirectoryEntry.decode("bob smith", utf8("{\"roles\":[\"admin\"]}"), RECORD_TIME);

        assertThat(entry.readable()).isTrue();
        assertThat(entry.ignoredBecause())
                .hasValueSatisfying(why -> assertThat(why).startsWith("invalid user id: 'bob smith'"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
