package io.switchboard.observability.kafka;

import static io.switchboard.observability.kafka.KafkaMetersIT.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaStreamsObservabilityIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void publishesStreamsMetersAndReportsRunningAfterTraffic() throws Exception {
        TestTopics.create(KAFKA.bootstrapServers(), "streams-in", "streams-out");
        try (ServiceMetrics metrics = ServiceMetrics.create("processor", "p-1");
                KafkaMeters kafkaMeters = new KafkaMeters(metrics.registry(), Duration.ofMillis(200));
                KafkaStreams streams = passThrough()) {
            KafkaStreamsObservability.bind(kafkaMeters, streams);
            HealthCheck running = KafkaStreamsObservability.running(streams);
            assertThat(running.check().up()).as("before start").isFalse();

            streams.start();
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("streams-in", "k", "v" + i))
                            .get();
                }
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String scrape = metrics.registry().scrape();
                assertThat(value(scrape, "kafka_stream_thread_process_total{", "application=\"processor\""))
                        .hasValueSatisfying(total -> assertThat(total).isGreaterThanOrEqualTo(3.0));
                assertThat(scrape).contains("kafka_consumer_", "kafka_producer_");
                assertThat(running.check().up()).isTrue();
            });
        }
    }

    private KafkaStreams passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("streams-in").to("streams-out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "observability-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return new KafkaStreams(builder.build(), props);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }
}
