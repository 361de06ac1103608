package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that dies without a word (SIGKILL) leaves no connections behind in the processor: once its lease
 * expires, the processor ends them as if each had sent Disconnect, and a gateway that keeps renewing loses nothing.
 */
class GatewayCrashIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    @TempDir
    Path dir;

    @Test
    void theConnectionsOfAKilledGatewayAreEndedOnceItsLeaseExpires() throws Exception {
        Path log = dir.resolve("gateway.log");
        double purgedBefore = CLUSTER.processorCount("purged", "connections");
        try (ChildJvm gateway = ChildJvm.start(
                                GatewayDrainMain.class,
                                log,
                                CLUSTER.bootstrapServers(),
                                "5000",
                                "gateway.lease.interval-ms=250",
                                "gateway.lease.ttl-ms=1000")
                        .awaitReady();
                TestClient survivor = CLUSTER.connect(0, "survivor", "viewer")) {
            int port = readyPort(log);
            try (TestClient doomed = TestClient.connect(port, SwitchboardCluster.token("doomed", "viewer"));
                    TestClient alsoDoomed =
                            TestClient.connect(port, SwitchboardCluster.token("also-doomed", "viewer"))) {
                doomed.subscribe("metrics"); // the processor has recorded the connection once it granted this
                alsoDoomed.subscribe("status");
                survivor.subscribe("metrics");

                gateway.kill();

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> CLUSTER.processorCount("purged", "connections") - purgedBefore >= 2);
            }
            // the in-process gateway renews its lease: its connection is not touched, and still gets its messages
            CLUSTER.produceEvent("metrics", "{\"channel\":\"metrics\",\"event\":\"after\",\"data\":1}");
            survivor.awaitFrame(frame -> "after".equals(frame.path("event").asText()));
            assertThat(CLUSTER.processorCount("purged", "connections") - purgedBefore)
                    .isEqualTo(2);
        }
    }

    private static int readyPort(Path log) throws Exception {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(ChildJvm.READY + " "))
                .map(line -> Integer.parseInt(
                        line.substring(ChildJvm.READY.length() + 1).trim()))
                .findFirst()
                .orElseThrow();
    }
}
