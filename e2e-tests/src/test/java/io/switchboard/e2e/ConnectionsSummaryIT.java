package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.config.OperationsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code connections} channel: every gateway publishes a periodic summary of itself through the processor, and
 * admins (only) may subscribe to it.
 */
class ConnectionsSummaryIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER =
            new SwitchboardCluster(2, Map.of(OperationsConfig.CONNECTIONS_SUMMARY_INTERVAL_MS, "300"));

    @Test
    void anAdminSeesASummaryOfEveryGatewayAndAViewerIsRefusedThem() {
        try (TestClient admin = CLUSTER.connect(0, "ada", "admin");
                TestClient viewer = CLUSTER.connect(1, "vic", "viewer")) {
            admin.subscribe("connections");
            assertThat(viewer.trySubscribe("connections").path("code").asText()).isEqualTo("permission_denied");

            JsonNode fromFirst = admin.awaitFrame(f -> isSummaryOf(f, CLUSTER.gatewayId(0)));
            JsonNode fromSecond = admin.awaitFrame(f -> isSummaryOf(f, CLUSTER.gatewayId(1)));

            assertThat(fromFirst.path("data").path("state").asText()).isEqualTo("serving");
            // each gateway counts its own: one connection on each, the admin's and the viewer's
            assertThat(fromFirst.path("data").path("connections_active").asInt())
                    .isEqualTo(1);
            assertThat(fromSecond.path("data").path("connections_active").asInt())
                    .isEqualTo(1);
            assertThat(fromFirst.path("data").toString()).doesNotContain("ada", "vic");
        }
    }

    private static boolean isSummaryOf(JsonNode frame, String gatewayId) {
        return frame.path("type").asText().equals("message")
                && frame.path("channel").asText().equals("connections")
                && frame.path("event").asText().equals("gateway_summary")
                && frame.path("data").path("gateway_id").asText().equals(gatewayId)
                && frame.path("data").path("connections_active").asInt() == 1;
    }
}
