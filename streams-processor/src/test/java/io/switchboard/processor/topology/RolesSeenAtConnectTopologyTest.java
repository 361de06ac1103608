package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.users.RoleDirectory;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The roles a user connects with reach the role directory when it does not already say so. */
class RolesSeenAtConnectTopologyTest {
    private static final Instant EXPIRES = ACTION_TIME.plusSeconds(3600);

    private final TopologyFixture fixture = new TopologyFixture();
    private final RoleDirectory directory = new RoleDirectory(fixture.usersStore());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void writesTheRolesOfAUserTheDirectoryDoesNotKnowKeyedByUserId() {
        connect("c-1", "ada", "admin", "viewer");

        assertThat(fixture.usersOut.readKeyValuesToList())
                .containsExactly(
                        new KeyValue<>("ada", new UserEntry(List.of("admin", "viewer"), ACTION_TIME, "connect")));
        assertThat(directory.holders("admin")).containsExactly("ada");
        assertThat(fixture.counter("users", "written-at-connect")).isEqualTo(1.0);
    }

    @Test
    void writesNothingWhenTheDirectoryAlreadyHasTheRoles() {
        fixture.setRoles("ada", "viewer", "admin");

        connect("c-1", "ada", "admin", "viewer");
        connect("c-2", "ada", "viewer", "admin");

        assertThat(fixture.usersOut.isEmpty()).isTrue();
        assertThat(fixture.counter("users", "written-at-connect")).isEqualTo(0.0);
    }

    @Test
    void replacesTheEntryWhenTheUserConnectsWithOtherRoles() {
        fixture.setRoles("ada", "admin");

        connect("c-1", "ada", "viewer");

        assertThat(fixture.usersOut.readValue().getRoles()).containsExactly("viewer");
        assertThat(directory.holders("admin")).isEmpty();
        assertThat(directory.holders("viewer")).containsExactly("ada");
    }

    @Test
    void writesTheRolesOfRefreshedCredentialsWhenTheyDiffer() {
        connect("c-1", "ada", "viewer");
        fixture.usersOut.readKeyValuesToList();

        fixture.send(action("c-1", "ada", List.of("viewer"), "r-1", new CredentialsRefreshed(EXPIRES)));
        fixture.send(action("c-1", "ada", List.of("admin"), "r-2", new CredentialsRefreshed(EXPIRES)));

        assertThat(fixture.usersOut.readKeyValuesToList())
                .containsExactly(new KeyValue<>("ada", new UserEntry(List.of("admin"), ACTION_TIME, "connect")));
        assertThat(directory.holders("admin")).containsExactly("ada");
    }

    @Test
    void writesNothingForAnAnonymousConnection() {
        fixture.send(action("c-anon", null, List.of(), null, new Connect(List.of(), null)));

        assertThat(fixture.usersOut.isEmpty()).isTrue();
    }

    private void connect(String connectionId, String user, String... roles) {
        fixture.send(action(connectionId, user, List.of(roles), null, new Connect(List.of(), null)));
    }
}
