package io.switchboard.e2e;

import static io.switchboard.e2e.AccessControlIT.isMessageOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.processor.acl.AclRules;
import io.switchboard.processor.acl.AclTopic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A policy change in {@code switchboard.acl} reaches live subscriptions: they end with {@code permission_revoked},
 * and new subscribes are refused. Its own cluster, since it changes the policy.
 */
class PermissionRevocationIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    @Test
    void revokingAViewersRightEndsItsLiveSubscription() {
        try (TestClient viewer = CLUSTER.connect(0, "vic", "viewer");
                TestClient developer = CLUSTER.connect(0, "dee", "developer");
                AclTopic acl = new AclTopic(CLUSTER.bootstrapServers(), Map.of(), Topics.defaults())) {
            viewer.subscribe("metrics");
            developer.subscribe("metrics");

            AclRule metrics = acl.readAll().get("metrics");
            acl.put(
                    "metrics",
                    AclRules.revoke(metrics, "viewer", Set.of(Permission.SUBSCRIBE), "e2e-test", Instant.now()));

            JsonNode ended = viewer.awaitFrame(f -> f.path("type").asText().equals("unsubscribed"));
            assertThat(ended.path("channel").asText()).isEqualTo("metrics");
            assertThat(ended.path("reason").asText()).isEqualTo("permission_revoked");
            assertThat(viewer.trySubscribe("metrics").path("code").asText()).isEqualTo("permission_denied");

            CLUSTER.produceEvent("metrics", "{\"channel\":\"metrics\",\"data\":{\"cpu\":0.5}}");
            developer.awaitFrame(f -> isMessageOn(f, "metrics"));
            assertThat(viewer.messages("metrics")).isEmpty();
            assertThat(developer.frames())
                    .noneMatch(f -> f.path("type").asText().equals("unsubscribed"));
        }
    }
}
