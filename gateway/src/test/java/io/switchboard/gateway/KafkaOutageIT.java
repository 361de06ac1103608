package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.OutageConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway outlives its broker's stop and start: its sockets stay open, actions are answered {@code unavailable}
 * and upgrades 503 while Kafka is away, it reports not ready, and it recovers by itself.
 */
@Timeout(240)
class KafkaOutageIT {
    @TempDir
    Path dataDir;

    private int port;
    private int controllerPort;

    @Test
    void keepsItsSocketsThroughABrokerRestartRefusingActionsMeanwhileAndDeliversAfter() throws Exception {
        port = FreePorts.pick();
        controllerPort = FreePorts.pick();
        EmbeddedKafkaBroker broker = startBroker();
        Topics topics = new Topics("outage");
        try (ProcessorStandIn processor = new ProcessorStandIn(broker.bootstrapServers(), topics, "metrics");
                SwitchboardGateway gateway = SwitchboardGateway.start(GatewayConfig.forTests(
                        broker.bootstrapServers(),
                        Map.of(GatewayConfig.TOPIC_PREFIX, topics.prefix(), OutageConfig.SILENCE_MS, "2000")));
                WsTestClient alice = WsTestClient.welcomed(gateway)) {
            alice.send("{\"type\":\"subscribe\",\"id\":\"sub\",\"channel\":\"metrics\"}");
            processor.awaitAction(action ->
                    action.getConnectionId().equals(alice.connectionId) && action.getAction() instanceof Subscribe);
            processor.reply(gateway.gatewayId(), alice.connectionId, "sub", new Granted("metrics", null));
            assertThat(alice.next().path("type").asText()).isEqualTo("subscribed");
            processor.deliver("metrics", "tick", "{\"n\":1}");
            assertThat(alice.next().path("data").path("n").asInt()).isEqualTo(1);

            broker.close();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> HttpProbe.status(gateway.port(), "/health/ready") == 503);
            assertThat(HttpProbe.get(gateway.port(), "/health/ready").body()).contains("no response from Kafka");
            assertThat(RawWebSocket.answer(gateway.port(), "", Map.of()).status())
                    .as("a new handshake while Kafka is away")
                    .isEqualTo(503);
            alice.send("{\"type\":\"subscribe\",\"id\":\"during\",\"channel\":\"status\"}");
            JsonNode refused = alice.next(); // within the client's read timeout: nothing waits for Kafka
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("unavailable");
            assertThat(refused.path("id").asText()).isEqualTo("during");
            assertThat(HttpProbe.status(gateway.port(), "/health/live")).isEqualTo(200);

            broker = startBroker();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> HttpProbe.status(gateway.port(), "/health/ready") == 200);
            processor.deliver("metrics", "tick", "{\"n\":2}");
            assertThat(alice.next().path("data").path("n").asInt())
                    .as("the socket opened before the outage gets the live stream again")
                    .isEqualTo(2);
            alice.send("{\"type\":\"subscribe\",\"id\":\"after\",\"channel\":\"metrics\"}");
            processor.awaitAction(action -> action.getConnectionId().equals(alice.connectionId)
                    && action.getRequestId() != null
                    && action.getRequestId().equals("after"));
            assertThat(RawWebSocket.answer(gateway.port(), "", Map.of()).status())
                    .isEqualTo(101);
        } finally {
            broker.close();
        }
    }

    private EmbeddedKafkaBroker startBroker() {
        return EmbeddedKafkaBroker.builder()
                .port(port)
                .controllerPort(controllerPort)
                .dataDir(dataDir)
                .start();
    }
}
