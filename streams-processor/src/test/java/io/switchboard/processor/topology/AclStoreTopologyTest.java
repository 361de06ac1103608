package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.AccessControlTopologyTest.rule;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code acl-store} follows {@code switchboard.acl} and skips what is not a rule, without stopping. */
class AclStoreTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void holdsTheRulesOfTheAclTopicByFamilyPattern() {
        assertThat(fixture.aclStore().approximateNumEntries())
                .isEqualTo(DefaultPolicy.rules(TopologyFixture.NOW).size());
        assertThat(fixture.aclStore().get("forum_threads:*")).isNotNull();
        assertThat(fixture.aclStore().get("forum_threads")).isNull();
    }

    @Test
    void ignoresARecordWhoseKeyIsNotAFamilyPattern() {
        AclRule everything = rule(Map.of("user", List.of(Permission.SUBSCRIBE, Permission.PUBLISH)));
        fixture.acl.pipeInput("user:*", everything);
        fixture.acl.pipeInput("forum_threads:4*", everything);
        fixture.acl.pipeInput("Signals", everything);
        fixture.acl.pipeInput((String) null, everything);
        fixture.send(action("c-1", "bob", List.of("bob"), "s", new Subscribe("user:alice", null)));

        assertThat(fixture.aclStore().get("user:*")).isNull();
        assertThat(fixture.aclStore().get("forum_threads:4*")).isNull();
        assertThat(fixture.aclStore().get("Signals")).isNull();
        assertThat(((Refused) fixture.replies.readValue().getBody()).getCode()).isEqualTo("permission_denied");
        // each app reads the topic into its own copy of the global store
        assertThat(TopologyFixture.counter(fixture.driver, "acl", "ignored")).isEqualTo(4.0);
        assertThat(TopologyFixture.counter(fixture.eventsDriver, "acl", "ignored"))
                .isEqualTo(4.0);
    }

    @Test
    void keepsTheRuleInForceWhenAnUndecodableValueArrivesForIt() {
        AclRule before = fixture.aclStore().get("metrics");
        fixture.rawAcl.pipeInput("metrics", "{\"viewer\":[]}".getBytes(StandardCharsets.UTF_8));
        fixture.send(action("c-1", "vera", List.of("viewer"), "s", new Subscribe("metrics", null)));

        assertThat(fixture.aclStore().get("metrics")).isEqualTo(before);
        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted("metrics", null));
        // each app reads the topic into its own copy of the global store
        assertThat(TopologyFixture.counter(fixture.driver, "acl", "ignored")).isEqualTo(1.0);
        assertThat(TopologyFixture.counter(fixture.eventsDriver, "acl", "ignored"))
                .isEqualTo(1.0);
    }

    @Test
    void dropsARuleOnATombstone() {
        fixture.acl.pipeInput("broadcasts", null);

        assertThat(fixture.aclStore().get("broadcasts")).isNull();
        assertThat(fixture.aclStore().get("metrics")).isNotNull();
    }
}
