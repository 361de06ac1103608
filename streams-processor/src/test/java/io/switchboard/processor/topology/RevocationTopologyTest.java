package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.AccessControlTopologyTest.rule;
import static io.switchboard.processor.topology.TopologyFixture.RECHECK_INTERVAL;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live subscriptions end with {@code permission_revoked} when the ACL or the connection's roles stop allowing them. */
class RevocationTopologyTest {
    private static final List<String> VIEWER = List.of("viewer");

    private final TopologyFixture fixture = new TopologyFixture();

    @BeforeEach
    void viewerHoldsMetricsAndStatus() {
        fixture.send(action("c-v", "vera", VIEWER, null, new Connect(List.of(), null)));
        fixture.send(action("c-v", "vera", VIEWER, "s-1", new Subscribe("metrics", null)));
        fixture.send(action("c-v", "vera", VIEWER, "s-2", new Subscribe("status", null)));
        fixture.replies.readValuesToList(); // the grants
        // The first look at the ACL always re-checks (it may have changed while the task was away); get it done.
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);
        assertThat(fixture.replies.isEmpty()).isTrue();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void endsASubscriptionTheAclNoLongerAllowsOnceTheRecheckIntervalPassed() {
        fixture.acl.pipeInput("metrics", rule(Map.of("viewer", List.of(), "admin", List.of(Permission.SUBSCRIBE))));

        assertThat(fixture.replies.isEmpty()).isTrue(); // nothing before the punctuator's next look
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);

        TestRecord<String, Reply> record = fixture.replies.readRecord();
        assertThat(record.key()).isEqualTo(TopologyFixture.GATEWAY);
        Reply reply = record.value();
        assertThat(reply.getConnectionId()).isEqualTo("c-v");
        assertThat(reply.getRequestId()).isNull();
        assertThat(reply.getBody()).isEqualTo(new Ended("metrics", "permission_revoked"));
        assertThat(reply.getTime()).isEqualTo(Instant.ofEpochMilli(record.timestamp()));
        assertThat(fixture.replies.isEmpty()).isTrue();
        assertThat(fixture.connections().get("c-v").getChannels()).containsExactly("user:vera", "status");
        assertThat(fixture.counter("subscriptions", "revoked")).isEqualTo(1.0);
    }

    @Test
    void endsEverySubscriptionOfARemovedRuleOnlyOnce() {
        fixture.acl.pipeInput("status", null);
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);

        assertThat(fixture.replies.readValuesToList())
                .extracting(Reply::getBody)
                .containsExactly(new Ended("status", "permission_revoked"));
    }

    @Test
    void endsNothingWhenTheAclChangeStillAllowsTheSubscriptions() {
        fixture.acl.pipeInput("signals", rule(Map.of("viewer", List.of(Permission.SUBSCRIBE))));
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);

        assertThat(fixture.replies.isEmpty()).isTrue();
        assertThat(fixture.connections().get("c-v").getChannels()).containsExactly("user:vera", "metrics", "status");
    }

    @Test
    void endsNothingForAConnectionThatDisconnected() {
        fixture.send(action("c-v", "vera", VIEWER, null, new Disconnect(1000, List.of())));
        fixture.acl.pipeInput("metrics", null);
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);

        assertThat(fixture.replies.isEmpty()).isTrue();
    }

    @Test
    void endsWhatNewRolesNoLongerAllowWhenCredentialsAreRefreshed() {
        fixture.send(action("c-a", "ada", List.of("admin"), "s", new Subscribe("signals", null)));
        fixture.send(action("c-a", "ada", List.of("admin"), "s", new Subscribe("metrics", null)));
        fixture.replies.readValuesToList();

        Instant expires = Instant.parse("2026-11-20T11:00:00Z");
        fixture.send(action("c-a", "ada", VIEWER, "refresh-1", new CredentialsRefreshed(expires)));

        Reply reply = fixture.replies.readValue();
        assertThat(reply.getConnectionId()).isEqualTo("c-a");
        assertThat(reply.getRequestId()).isNull();
        assertThat(reply.getBody()).isEqualTo(new Ended("signals", "permission_revoked"));
        assertThat(fixture.replies.isEmpty()).isTrue();
        assertThat(fixture.connections().get("c-a").getRoles()).containsExactly("viewer");
        assertThat(fixture.connections().get("c-a").getChannels()).containsExactly("metrics");
    }
}
