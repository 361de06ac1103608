package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.metrics.ConnectionsSummary;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.schemas.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionsSummaryPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "switchboard.events";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private MockProducer<String, byte[]> producer;
    private ConnectionsSummaryPublisher publisher;

    @AfterEach
    void closePublisher() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void publishesAGatewaySummaryEventOnTheConnectionsChannelEveryIntervalKeyedByTheGatewayId() throws IOException {
        publisher = publisher(true, Duration.ofMillis(20));
        metrics.connectionOpened();

        publisher.start();

        await().atMost(PATIENCE).until(() -> producer.history().size() >= 2);
        ProducerRecord<String, byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo(TOPIC);
        assertThat(first.key()).isEqualTo("gateway-1");
        JsonNode event = JSON.readTree(first.value());
        assertThat(event.get("channel").asText()).isEqualTo("connections");
        assertThat(event.get("event").asText()).isEqualTo("gateway_summary");
        assertThat(event.get("data").get("gateway_id").asText()).isEqualTo("gateway-1");
        assertThat(event.get("data").get("state").asText()).isEqualTo("serving");
        assertThat(event.get("data").get("ready").asBoolean()).isTrue();
        assertThat(event.get("data").get("connections_active").asLong()).isEqualTo(1);
        assertThat(event.get("data").get("connections_opened").asLong()).isEqualTo(1);
        assertThat(data(1).get("sequence").asLong()).isEqualTo(2);
        assertThat(data(1).get("connections_opened").asLong())
                .as("counted once")
                .isZero();
    }

    @Test
    void drainingSendsADrainingSummaryAtOnceAndCloseAFinalStoppedOneThenClosesTheProducer() throws IOException {
        publisher = publisher(true, Duration.ofHours(1));
        publisher.start();

        publisher.draining();
        publisher.close();

        assertThat(producer.history()).hasSize(2);
        assertThat(data(0).get("state").asText()).isEqualTo("draining");
        assertThat(data(0).get("ready").asBoolean())
                .as("a draining gateway takes no new clients")
                .isFalse();
        assertThat(data(1).get("state").asText()).isEqualTo("stopped");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void countsASummaryThatCannotBeSentOrIsNotAcknowledgedAndSendsTheNextOneAllTheSame() {
        publisher = publisher(false, Duration.ofMillis(20));
        synchronized (producer) {
            producer.sendException = new KafkaException("no metadata within max.block.ms");
        }
        publisher.start();
        await().atMost(PATIENCE).until(() -> failures() >= 1);

        synchronized (producer) {
            producer.sendException = null;
        }
        await().atMost(PATIENCE).until(() -> !producer.history().isEmpty());
        double before = failures();
        await().atMost(PATIENCE).until(() -> producer.errorNext(new TimeoutException("delivery timed out")));

        await().atMost(PATIENCE).until(() -> failures() >= before + 1);
    }

    @Test
    void anIntervalOfZeroPublishesNothingAndNeedsNoProducer() {
        KafkaClientConfig kafka = new KafkaClientConfig("127.0.0.1:1", new Topics("switchboard"), Map.of());

        assertThat(ConnectionsSummaryPublisher.create(kafka, summary(), Duration.ZERO, ready::get, metrics))
                .isSameAs(ConnectionsSummaries.OFF);
    }

    private ConnectionsSummaryPublisher publisher(boolean autoComplete, Duration interval) {
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        return new ConnectionsSummaryPublisher(producer, TOPIC, summary(), interval, ready::get, metrics);
    }

    private ConnectionsSummary summary() {
        Clock clock = Clock.systemUTC();
        return new ConnectionsSummary(registry, "gateway-1", clock, clock.instant());
    }

    private JsonNode data(int index) throws IOException {
        List<ProducerRecord<String, byte[]>> history = producer.history();
        return JSON.readTree(history.get(index).value()).get("data");
    }

    private double failures() {
        var counter = registry.find("switchboard.gateway.failures")
                .tag("key", ConnectionsSummaryPublisher.FAILURE_KEY)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
