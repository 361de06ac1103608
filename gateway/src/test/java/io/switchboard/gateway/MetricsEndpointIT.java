package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.HeartbeatProfile;
import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Subscribe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics} and the health endpoints on the WebSocket port, with values that come from real traffic. */
@Timeout(120)
class MetricsEndpointIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int MESSAGES = 5;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void exposesTheGatewayMetersWithTheValuesOfTheTrafficThatWentThrough() throws Exception {
        Topics topics = new Topics("metrics-it");
        ProcessorStandIn processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics"));
        // two pings a connection, then rate_limited (no refill within the test)
        GatewayConfig config = GatewayConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(
                        GatewayConfig.TOPIC_PREFIX, topics.prefix(),
                        LimitsConfig.PING_BURST, "2",
                        LimitsConfig.PING_PER_SECOND, "0.001",
                        HeartbeatConfig.PROFILE, HeartbeatProfile.DEVELOPMENT.configName(),
                        HeartbeatConfig.INTERVAL_MS, "200",
                        HeartbeatConfig.TIMEOUT_MS, "30000"));
        SwitchboardGateway gateway = track(SwitchboardGateway.start(config));
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        WsTestClient bob = track(WsTestClient.welcomed(gateway));

        alice.send("{\"type\":\"subscribe\",\"id\":\"sub\",\"channel\":\"metrics\"}");
        processor.awaitAction(action ->
                action.getConnectionId().equals(alice.connectionId) && action.getAction() instanceof Subscribe);
        processor.reply(gateway.gatewayId(), alice.connectionId, "sub", new Granted("metrics", null));
        assertThat(alice.next().path("type").asText()).isEqualTo("subscribed");
        for (int i = 0; i < MESSAGES; i++) {
            processor.deliver(
                    "metrics",
                    Delivery.newBuilder(ProcessorStandIn.delivery(
                                    "metrics",
                                    "tick",
                                    io.switchboard.schemas.avro.PayloadKind.JSON,
                                    "application/json",
                                    ("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .setTime(Instant.now())
                            .build());
        }
        for (int i = 0; i < MESSAGES; i++) {
            JsonNode message = alice.next();
            assertThat(message.path("type").asText()).isEqualTo("message");
        }
        for (String id : List.of("p1", "p2")) {
            bob.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
            assertThat(bob.next().path("type").asText()).isEqualTo("pong");
        }
        bob.send("{\"type\":\"ping\",\"id\":\"p3\"}");
        assertThat(bob.next().path("code").asText()).isEqualTo("rate_limited");
        bob.send("{\"type\":\"nonsense\"}");
        assertThat(bob.next().path("type").asText()).isEqualTo("error");
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.pings() >= 1 && bob.pings() >= 1);

        int port = gateway.port();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = HttpProbe.get(port, "/metrics").body();
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_connections_active"))
                    .hasValue(2);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_messages_sent_total", "type=\"message\"")
                            .orElse(-1))
                    .isGreaterThanOrEqualTo(MESSAGES);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_messages_sent_total", "type=\"welcome\""))
                    .hasValue(2);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_delivery_latency_seconds_count")
                            .orElse(-1))
                    .isGreaterThanOrEqualTo(MESSAGES);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_heartbeat_rtt_seconds_count")
                            .orElse(-1))
                    .isGreaterThanOrEqualTo(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_fanout_duration_seconds_count")
                            .orElse(-1))
                    .isGreaterThanOrEqualTo(MESSAGES);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_connections_opened_total"))
                    .hasValue(2);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_messages_received_total", "type=\"subscribe\""))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_messages_received_total", "type=\"ping\""))
                    .as("the refused ping was received all the same")
                    .hasValue(3);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_messages_received_total", "type=\"invalid\""))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_rate_limited_total", "limit=\"ping\""))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_subscriptions"))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_channels"))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "kafka_consumer_fetch_manager_records_consumed_total"))
                    .as("the Kafka client binders")
                    .isPresent();
            assertThat(HttpProbe.sample(metrics, "jvm_memory_used_bytes")).isPresent();
        });

        bob.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = HttpProbe.get(port, "/metrics").body();
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_connections_active"))
                    .hasValue(1);
            assertThat(HttpProbe.sample(metrics, "switchboard_gateway_connections_closed_total", "code=\"1000\""))
                    .hasValue(1);
        });
    }

    @Test
    void isLiveAndReadyWhileKafkaAnswersAndNamesItsReadinessChecks() throws Exception {
        Topics topics = new Topics("health-it");
        track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics"));
        SwitchboardGateway gateway = SwitchboardGateway.start(
                GatewayConfig.forTests(KAFKA.bootstrapServers(), Map.of(GatewayConfig.TOPIC_PREFIX, topics.prefix())));
        try {
            assertThat(HttpProbe.status(gateway.port(), "/health/live")).isEqualTo(200);
            HttpResponse<String> ready = HttpProbe.get(gateway.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("kafka").contains("accepting");
        } finally {
            gateway.close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
