package io.switchboard.observability.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.observability.ServiceMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaMetersIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private ServiceMetrics metrics;
    private KafkaMeters kafkaMeters;

    @BeforeEach
    void createRegistry() {
        metrics = ServiceMetrics.create("gateway", "g-kafka");
        kafkaMeters = new KafkaMeters(metrics.registry(), Duration.ofMillis(200));
    }

    @AfterEach
    void closeRegistry() {
        kafkaMeters.close();
        metrics.close();
    }

    @Test
    void publishesProducerAndConsumerMetersWithTheirValuesAfterTraffic() throws Exception {
        String topic = "meters-traffic";
        TestTopics.create(KAFKA.bootstrapServers(), topic);
        try (KafkaProducer<String, String> producer = producer("obs-producer");
                KafkaConsumer<String, String> consumer = consumer("obs-consumer")) {
            kafkaMeters.bind(producer);
            kafkaMeters.bind(consumer);
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
            }
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            AtomicInteger consumed = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumed.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                assertThat(consumed).hasValue(5);
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = metrics.registry().scrape();
                assertThat(value(scrape, "kafka_producer_record_send_total{", "client_id=\"obs-producer\""))
                        .hasValue(5.0);
                assertThat(value(
                                scrape,
                                "kafka_consumer_fetch_manager_records_consumed_total{",
                                "client_id=\"obs-consumer\"",
                                "topic=\"" + topic + "\""))
                        .hasValue(5.0);
                assertThat(scrape).contains("application=\"gateway\"", "instance_id=\"g-kafka\"");
            });
        }
    }

    @Test
    void aClosedBindingTakesItsMetersOutOfTheRegistry() {
        try (KafkaProducer<String, String> producer = producer("obs-closing")) {
            KafkaMeters.Binding binding = kafkaMeters.bind(producer);
            assertThat(metrics.registry().scrape()).contains("client_id=\"obs-closing\"");

            binding.close();

            assertThat(metrics.registry().scrape()).doesNotContain("client_id=\"obs-closing\"");
        }
    }

    /** The value of the one sample of {@code metric} whose labels hold every one of {@code labels}. */
    static Optional<Double> value(String scrape, String metric, String... labels) {
        List<String> samples = scrape.lines()
                .filter(line ->
                        line.startsWith(metric) && List.of(labels).stream().allMatch(line::contains))
                .toList();
        assertThat(samples).as("samples of %s with %s", metric, List.of(labels)).hasSizeLessThan(2);
        return samples.stream()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static KafkaProducer<String, String> producer(String clientId) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        clientId),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String clientId) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        clientId),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
