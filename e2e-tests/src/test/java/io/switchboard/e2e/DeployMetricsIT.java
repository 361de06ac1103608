package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.deploy.DeployFiles;
import io.switchboard.e2e.deploy.Exposition;
import io.switchboard.e2e.deploy.MonitoringQueries;
import io.switchboard.e2e.deploy.MonitoringQueries.Query;
import io.switchboard.e2e.deploy.PromQl;
import io.switchboard.gateway.config.HeartbeatConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/} read only metrics that a real gateway and
 * a real processor expose: both run on an embedded broker, carry some traffic (deliveries, a rate-limited client, a
 * resume, heartbeats), and their {@code /metrics} are scraped. A renamed meter fails here, not on a blank panel.
 */
class DeployMetricsIT {
    /** Series Prometheus makes itself for every target, whatever the target exposes. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1, Map.of(HeartbeatConfig.INTERVAL_MS, "200"));

    @BeforeAll
    static void carryTraffic() {
        try (TestClient reader = CLUSTER.connect(0, "reader", "viewer");
                TestClient eager = CLUSTER.connect(0, "eager", "viewer")) {
            reader.subscribe("metrics");
            for (int i = 0; i < 20; i++) {
                CLUSTER.produceEvent("metrics", "{\"channel\":\"metrics\",\"event\":\"cpu\",\"data\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.messages("metrics").size() == 20);
            // more subscribes than the bucket holds (30): the rest are refused as rate_limited
            for (int i = 0; i < 40; i++) {
                eager.sendText("{\"type\":\"subscribe\",\"id\":\"s" + i + "\",\"channel\":\"status\"}");
            }
            eager.awaitFrame(f -> f.path("code").asText().equals("rate_limited"));
            JsonNode token = reader.reconnectionToken();
            reader.close();
            try (TestClient resumed = TestClient.resume(
                    CLUSTER.gatewayPort(0), token.path("token").asText())) {
                resumed.awaitFrame(f -> f.path("type").asText().equals("welcome"));
            }
        }
    }

    @Test
    void dashboardsAndAlertRulesReadOnlyExposedMetrics() throws IOException {
        List<Query> queries = MonitoringQueries.of(DeployFiles.ofRepository());
        assertThat(queries.stream()
                        .flatMap(q -> PromQl.metricNames(q.expression()).stream())
                        .distinct())
                .as("metric names the dashboards and rules read")
                .hasSizeGreaterThan(20);
        // Meters created later (per task, per partition) appear within the binders' refresh (30 s at most).
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<String> scrapes = keepScrapes();
                    Exposition exposed = Exposition.of(scrapes);
                    assertThat(unexposed(queries, exposed))
                            .as("metrics named by deploy/ that neither the gateway nor the processor exposes")
                            .isEmpty();
                });
    }

    private static Map<String, Set<String>> unexposed(List<Query> queries, Exposition exposed) {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Query query : queries) {
            for (String name : PromQl.metricNames(query.expression())) {
                if (!exposed.exposes(name) && !PROMETHEUS_SERIES.contains(name)) {
                    missing.computeIfAbsent(query.where(), where -> new TreeSet<>())
                            .add(name);
                }
            }
        }
        return missing;
    }

    /** Scrapes both, keeping the scrapes in target/ (to look a name up when writing a panel). */
    private static List<String> keepScrapes() throws IOException {
        String gateway = scrape(CLUSTER.gatewayPort(0));
        String processor = scrape(processorPort());
        Path dir = Files.createDirectories(Path.of("target", "deploy-metrics"));
        Files.writeString(dir.resolve("gateway.txt"), gateway);
        Files.writeString(dir.resolve("processor.txt"), processor);
        return List.of(gateway, processor);
    }

    private static int processorPort() {
        return CLUSTER.processorHttpPort();
    }

    private static String scrape(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
