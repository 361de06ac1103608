package io.switchboard.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void producesAndConsumesOnARealBroker() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            assertThat(kafka.port()).isBetween(FreePorts.LOW, FreePorts.HIGH);
            roundTrip(kafka.bootstrapServers(), "hello");
        }
    }

    @Test
    void keepsItsDataAcrossARestartInTheSameDirectory(@TempDir Path dir) throws Exception {
        int port = FreePorts.pick();
        try (EmbeddedKafkaBroker kafka =
                EmbeddedKafkaBroker.builder().port(port).dataDir(dir).start()) {
            roundTrip(kafka.bootstrapServers(), "before");
        }
        assertThat(Files.exists(dir.resolve("log/meta.properties"))).isTrue();
        try (EmbeddedKafkaBroker kafka =
                EmbeddedKafkaBroker.builder().port(port).dataDir(dir).start()) {
            assertThat(readAll(kafka.bootstrapServers())).containsExactly("before");
        }
    }

    private static void roundTrip(String bootstrap, String value) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("t", "k", value)).get();
        }
        assertThat(readAll(bootstrap)).containsExactly(value);
    }

    private static List<String> readAll(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
