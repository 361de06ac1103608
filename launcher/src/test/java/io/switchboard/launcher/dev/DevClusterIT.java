package io.switchboard.launcher.dev;

import static io.switchboard.launcher.dev.TestSocket.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
