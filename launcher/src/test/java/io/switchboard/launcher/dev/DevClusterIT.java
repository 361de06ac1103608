package io.switchboard.launcher.dev;

import static io.switchboard.launcher.dev.TestSocket.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.Settings;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.launcher.kafka.ClientProperties;
import io.switchboard.launcher.users.UserDirectory;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class DevClusterIT {
    @Test
    void welcomesClientsDeliversDemoEventsToSubscribersAndFreesItsPortsOnClose() throws Exception {
        int kafkaPort = FreePorts.pick();
        int webSocketPort = otherFreePort(kafkaPort);
        DevConfig config = DevConfig.from(Settings.of(settings(kafkaPort, webSocketPort)));

        try (DevCluster cluster = DevCluster.start(config)) {
            assertThat(cluster.kafkaBootstrap()).isEqualTo("localhost:" + kafkaPort);
            assertThat(cluster.gatewayPort()).isEqualTo(webSocketPort);
            try (TestSocket client = TestSocket.connect(URI.create("ws://127.0.0.1:" + webSocketPort + "/ws"))) {
                JsonNode welcome = client.awaitFrame("welcome", type("welcome"));
                assertThat(welcome.path("roles").toString()).contains("anonymous");

                client.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"metrics\"}");
                client.awaitFrame("subscribed to metrics", type("subscribed", "metrics"));
                JsonNode message = client.awaitFrame("a metrics message", type("message", "metrics"));

                assertThat(message.at("/data/cpu").isNumber()).isTrue();
                assertThat(message.at("/data/mem").isNumber()).isTrue();
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                client.frames().stream().filter(type("message")).count() >= 3);
                assertThat(client.frames()).filteredOn(type("message")).allSatisfy(frame -> assertThat(
                                frame.path("channel").asText())
                        .isEqualTo("metrics"));
            }
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> FreePorts.isFree(kafkaPort) && FreePorts.isFree(webSocketPort));
    }

    @Test
    void printsAnAdminAndAViewerTokenThatTheRunningGatewayAccepts() throws Exception {
        int kafkaPort = FreePorts.pick();
        int webSocketPort = otherFreePort(kafkaPort);
        Map<String, String> values = settings(kafkaPort, webSocketPort);
        values.put(DevConfig.DEMO, "false");
        DevConfig config = DevConfig.from(Settings.of(values));

        try (DevCluster cluster = DevCluster.start(config)) {
            StringWriter banner = new StringWriter();
            DevBanner.print(new PrintWriter(banner), config, cluster, DevAccess.of(config), 1.0);

            String printed = banner.toString();
            assertThat(printed).contains("JWT secret:", "generated for this run", "switchboard connect ws://");
            String consoleUrl = "http://localhost:" + webSocketPort + "/";
            assertThat(printed).contains("Console:", consoleUrl);
            HttpResponse<String> console = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(consoleUrl))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body()).contains("<title>Switchboard console</title>");
            String metricsUrl =
                    "http://localhost:" + cluster.processorHttpPort().orElseThrow() + "/metrics";
            assertThat(printed).contains("Processor:", metricsUrl);
            HttpResponse<String> scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(metricsUrl))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("application=\"processor\"");
            String url = "ws://127.0.0.1:" + webSocketPort + "/ws?access_token=";
            try (TestSocket admin = TestSocket.connect(URI.create(url + printedToken(printed, "Admin token")));
                    TestSocket viewer = TestSocket.connect(URI.create(url + printedToken(printed, "Viewer token")))) {
                JsonNode adminWelcome = admin.awaitFrame("admin welcome", type("welcome"));
                JsonNode viewerWelcome = viewer.awaitFrame("viewer welcome", type("welcome"));

                assertThat(adminWelcome.path("user_id").asText()).isEqualTo("admin");
                assertThat(adminWelcome.path("roles").toString()).isEqualTo("[\"admin\"]");
                assertThat(viewerWelcome.path("user_id").asText()).isEqualTo("viewer");
                assertThat(viewerWelcome.path("roles").toString()).isEqualTo("[\"viewer\"]");
            }
            String forged = DevTokens.mint(
                    "a-different-secret-of-at-least-32-bytes", "admin", List.of("admin"), Duration.ofHours(1));
            assertThatThrownBy(() -> TestSocket.connect(URI.create(url + forged)))
                    .cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> assertThat(
                                    refused.getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void demoBookRequestsReachTheViewerAndTheAdminsOnTheirPersonalChannels() throws Exception {
        int kafkaPort = FreePorts.pick();
        int webSocketPort = otherFreePort(kafkaPort);
        DevConfig config = DevConfig.from(Settings.of(settings(kafkaPort, webSocketPort)));
        DevAccess access = DevAccess.of(config);

        try (DevCluster cluster = DevCluster.start(config)) {
            String url = "ws://127.0.0.1:" + webSocketPort + "/ws?access_token=";
            try (TestSocket admin = TestSocket.connect(
                            URI.create(url + access.adminToken().orElseThrow()));
                    TestSocket viewer = TestSocket.connect(
                            URI.create(url + access.viewerToken().orElseThrow()))) {
                JsonNode changed =
                        viewer.awaitFrame("a status change for the viewer", event("user:viewer", "status_changed"));
                JsonNode adminChanged =
                        admin.awaitFrame("a status change for the admin", event("user:admin", "status_changed"));
                JsonNode count =
                        admin.awaitFrame("a pending count for the admin", event("user:admin", "pending_count"));

                assertThat(changed.at("/data/requested_by").asText()).isEqualTo("viewer");
                assertThat(adminChanged.at("/data/requested_by").asText()).isEqualTo("viewer");
                assertThat(count.at("/data/pending").isInt()).isTrue();
                assertThat(viewer.frames()).noneMatch(event("user:viewer", "pending_count"));
            }
            try (UserDirectory directory = new UserDirectory(
                    new ClientProperties(cluster.kafkaBootstrap(), Map.of()),
                    config.processor().topics().users())) {
                assertThat(directory.readAll().get("admin").roles()).containsExactly("admin");
            }
        }
    }

    private static Predicate<JsonNode> event(String channel, String name) {
        return type("message", channel)
                .and(frame -> name.equals(frame.path("event").asText()));
    }

    /** The token the banner prints after {@code label}. */
    private static String printedToken(String banner, String label) {
        Matcher matcher = Pattern.compile(label + ": +(\\S+)").matcher(banner);
        assertThat(matcher.find()).as(label + " in " + banner).isTrue();
        return matcher.group(1);
    }

    @Test
    void closingWhileStartingStopsWhatStartedAndFreesThePorts() throws Exception {
        int kafkaPort = FreePorts.pick();
        int webSocketPort = otherFreePort(kafkaPort);
        DevCluster cluster = new DevCluster(DevConfig.from(Settings.of(settings(kafkaPort, webSocketPort))));
        CompletableFuture<Void> starting = CompletableFuture.runAsync(cluster::start);

        await().atMost(Duration.ofSeconds(60)).until(() -> !FreePorts.isFree(kafkaPort));
        cluster.close();

        assertThatThrownBy(() -> starting.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DevCluster.StoppedWhileStarting.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FreePorts.isFree(kafkaPort) && FreePorts.isFree(webSocketPort));
    }

    private static Map<String, String> settings(int kafkaPort, int webSocketPort) {
        Map<String, String> values = new HashMap<>(DevConfig.defaults());
        values.put(DevConfig.KAFKA_PORT, String.valueOf(kafkaPort));
        values.put(GatewayConfig.PORT, String.valueOf(webSocketPort));
        values.put(ProcessorKeys.HTTP_PORT, "0"); // not the default 8081: tests use free ports only
        values.put(DevConfig.DEMO, "true");
        values.put(DevConfig.DEMO_INTERVAL_MS, "200");
        return values;
    }

    private static int otherFreePort(int taken) {
        int port = FreePorts.pick();
        while (port == taken) {
            port = FreePorts.pick();
        }
        return port;
    }
}
