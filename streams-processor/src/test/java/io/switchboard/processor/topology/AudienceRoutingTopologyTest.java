package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audience roles resolve through the role directory to personal channels, each reached once: the seed scenario of
 * book requests (the requester and every admin hear of a status change, only admins of the pending count).
 */
class AudienceRoutingTopologyTest {
    private static final String STATUS_CHANGED = "{\"channel\":\"book_requests\",\"event\":\"status_changed\","
            + "\"data\":{\"request_id\":7,\"status\":\"approved\"},"
            + "\"audience\":{\"users\":[\"%s\"],\"roles\":[\"admin\"]}}";
    private static final String PENDING_COUNT =
            "{\"event\":\"pending_count\",\"data\":{\"pending\":3},\"audience\":{\"roles\":[\"admin\"]}}";

    private final TopologyFixture fixture = new TopologyFixture();
    private final TestOutputTopic<String, Delivery> personal = fixture.output("user");

    @BeforeEach
    void directory() {
        fixture.setRoles("ada", "admin");
        fixture.setRoles("abe", "viewer", "admin");
        fixture.setRoles("rita", "viewer");
        fixture.setRoles("vic", "viewer");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void tellsTheRequesterAndEveryAdminOfAStatusChangeOnceEach() {
        fixture.sendEvent("book_requests", STATUS_CHANGED.formatted("rita"));

        assertThat(fixture.output("book_requests").readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("book_requests");
        List<TestRecord<String, Delivery>> copies = personal.readRecordsToList();
        assertThat(copies).extracting(TestRecord::key).containsExactly("user:rita", "user:abe", "user:ada");
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.value().getChannel()).isEqualTo(copy.key());
            assertThat(copy.value().getEvent()).isEqualTo("status_changed");
        });
        assertThat(fixture.counter("audience", "user-deliveries")).isEqualTo(1.0);
        assertThat(fixture.counter("audience", "role-deliveries")).isEqualTo(2.0);
        assertThat(fixture.counter("events", "delivered")).isEqualTo(4.0);
    }

    @Test
    void reachesARequesterWhoIsAlsoAnAdminOnce() {
        fixture.sendEvent("book_requests", STATUS_CHANGED.formatted("ada"));

        assertThat(personal.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("user:ada", "user:abe");
        assertThat(fixture.counter("audience", "role-deliveries")).isEqualTo(1.0);
    }

    @Test
    void sendsThePendingCountToAdminsOnly() {
        fixture.sendEvent("book_requests", PENDING_COUNT);

        assertThat(personal.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("user:abe", "user:ada");
        assertThat(fixture.output("book_requests").isEmpty()).isTrue();
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void reachesEachHolderOfSeveralRolesOnce() {
        fixture.setRoles("bo", "bot");
        fixture.sendEvent("k", "{\"event\":\"e\",\"data\":1,\"audience\":{\"roles\":[\"admin\",\"viewer\",\"bot\"]}}");

        assertThat(personal.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("user:abe", "user:ada", "user:rita", "user:vic", "user:bo");
    }

    @Test
    void noLongerReachesAUserWhoseRoleWasRemoved() {
        fixture.setRoles("abe", "viewer");
        fixture.sendEvent("book_requests", PENDING_COUNT);

        assertThat(personal.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("user:ada");
    }

    @Test
    void noLongerReachesAUserRemovedByATombstone() {
        fixture.users.pipeInput("ada", (byte[]) null);
        fixture.sendEvent("book_requests", PENDING_COUNT);

        assertThat(personal.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("user:abe");
    }

    @Test
    void reachesAUserGivenTheRoleInJson() {
        fixture.users.pipeInput(
                "jo", "{\"roles\":[\"admin\"],\"updated_by\":\"idp\"}".getBytes(StandardCharsets.UTF_8));
        fixture.sendEvent("book_requests", PENDING_COUNT);

        assertThat(personal.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("user:abe", "user:ada", "user:jo");
    }

    @Test
    void deadLettersAnEventWhoseRolesMatchNoUserAndNothingElse() {
        fixture.sendEvent(
                "k", "{\"event\":\"alert\",\"data\":{},\"audience\":{\"roles\":[\"auditor\",\"owner\",\"auditor\"]}}");

        TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(header(dead.headers(), "error.reason"))
                .isEqualTo("audience matched no user (roles: auditor, owner)");
        assertThat(header(dead.headers(), "error.stage")).isEqualTo(SwitchboardTopology.ADDRESS_EVENTS);
        assertThat(personal.isEmpty()).isTrue();
    }

    @Test
    void deliversToTheChannelAndUsersWhenTheRolesMatchNoUser() {
        fixture.sendEvent(
                "signals",
                "{\"channel\":\"signals\",\"data\":{},\"audience\":{\"users\":[\"dave\"],\"roles\":[\"auditor\"]}}");

        assertThat(fixture.output("signals").readKeyValue().key).isEqualTo("signals");
        assertThat(personal.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("user:dave");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.counter("audience", "role-deliveries")).isEqualTo(0.0);
    }
}
