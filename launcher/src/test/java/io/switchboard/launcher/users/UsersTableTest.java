package io.switchboard.launcher.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsersTableTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    @Test
    void aRowPerUserWithItsRolesAsTheyAreWrittenAndTheTimeToTheSecond() {
        List<String> lines = UsersTable.lines(
                List.of(entry("alice", List.of("admin", "viewer"), "ops"), entry("bob", List.of("viewer"), "connect")));

        assertThat(lines)
                .containsExactly(
                        "USER   ROLES         UPDATED AT            UPDATED BY",
                        "alice  admin,viewer  2026-11-23T10:15:30Z  ops",
                        "bob    viewer        2026-11-23T10:15:30Z  connect");
    }

    @Test
    void noRolesShowAsADashAndAnUnknownWriterAsNothing() {
        List<String> lines = UsersTable.lines(List.of(entry("carol", List.of(), null)));

        assertThat(lines.get(1)).isEqualTo("carol  —      2026-11-23T10:15:30Z");
    }

    @Test
    void aNoteColumnSaysWhyTheProcessorIgnoresAnEntry() {
        DirectoryEntry garbage = DirectoryEntry.decode("dave", "not json".getBytes(StandardCharsets.UTF_8), AT);
        List<String> lines = UsersTable.lines(List.of(entry("alice", List.of("admin"), "ops"), garbage));

        assertThat(lines.get(0)).matches("USER +ROLES +UPDATED AT +UPDATED BY +NOTE");
        assertThat(lines.get(1)).matches("alice +admin +2026-11-23T10:15:30Z +ops");
        assertThat(lines.get(2))
                .matches("dave +\\? +2026-11-23T10:15:30Z +ignored by the processor: unreadable value: neither Avro "
                        + "nor valid JSON.*");
    }

    @Test
    void rowsMayCarryTheirOwnLabels() {
        DirectoryEntry now = entry("alice", List.of("viewer"), "idp");
        DirectoryEntry after = entry("alice", List.of("admin"), "ops");

        List<String> lines = UsersTable.lines(
                List.of(new UsersTable.Row("alice (now)", now), new UsersTable.Row("alice (after)", after)));

        assertThat(lines.get(1)).startsWith("alice (now)    viewer");
        assertThat(lines.get(2)).startsWith("alice (after)  admin");
    }

    private static DirectoryEntry entry(String user, List<String> roles, String by) {
        return DirectoryEntry.of(user, new UserEntry(roles, AT, by));
    }
}
