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
        assertThat(entry.current()).isTrue();
        assertThat(entry.note()).isEmpty();
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
        assertThat(entry.note()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("ignored by the processor: unreadable value: ")
                .contains("'roles' must be an array of strings"));
    }

    @Test
    void aReadableEntryUnderAnInvalidUserIdIsIgnoredByTheProcessor() {
        DirectoryEntry entry = DirectoryEntry.decode("bob smith", utf8("{\"roles\":[\"admin\"]}"), RECORD_TIME);

        assertThat(entry.readable()).isTrue();
        assertThat(entry.note()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("ignored by the processor: invalid user id: 'bob smith'"));
    }

    @Test
    void anUnreadableValueAfterAReadableOneKeepsItsRolesAsTheProcessorDoes() {
        DirectoryEntry before =
                DirectoryEntry.decode("erin", utf8("{\"roles\":[\"admin\"],\"updated_by\":\"idp\"}"), RECORD_TIME);
        Instant later = RECORD_TIME.plusSeconds(60);

        DirectoryEntry entry =
                DirectoryEntry.decode("erin", utf8("garbage"), later).after(before);

        assertThat(entry.roles()).containsExactly("admin");
        assertThat(entry.updatedBy()).isEqualTo("idp");
        assertThat(entry.recordTime()).isEqualTo(later);
        assertThat(entry.current()).isFalse();
        assertThat(entry.note()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("latest value unreadable, the processor keeps these roles: neither Avro nor valid JSON"));
    }

    @Test
    void aReadableValueReplacesWhateverCameBefore() {
        DirectoryEntry garbage = DirectoryEntry.decode("erin", utf8("garbage"), RECORD_TIME);

        DirectoryEntry entry = DirectoryEntry.decode("erin", utf8("{\"roles\":[]}"), RECORD_TIME)
                .after(garbage);

        assertThat(entry.current()).isTrue();
        assertThat(entry.roles()).isEmpty();
        assertThat(entry.note()).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
