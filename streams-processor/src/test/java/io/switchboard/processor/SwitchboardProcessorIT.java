package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.error.DeadLetter;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The processor on a real KRaft broker, exactly-once, read back as the gateways read: read_committed. */
class SwitchboardProcessorIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ProcessorConfig config;
    private static Topics topics;
    private static SwitchboardProcessor processor;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        topics = config.topics();
        processor = SwitchboardProcessor.start(config);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void createsItsTopicsAtStartAndToleratesThemExisting() throws Exception {
        assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            List<String> expected = TopicCreator.topicNames(config);
            assertThat(admin.listTopics().names().get()).containsAll(expected);
            assertThat(expected).contains(topics.output("metrics"), topics.output("user"), topics.eventsDlq());
            Map<String, TopicDescription> described =
                    admin.describeTopics(expected).allTopicNames().get();
            assertThat(described.values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
        }
        TopicCreator.createTopics(config);
    }

    @Test
    void routesAJsonEventToItsOutputTopicForReadCommittedConsumers() {
        send(topics.events(), "metrics", "{\"id\":\"it-1\",\"channel\":\"metrics\",\"event\":\"cpu\",\"data\":0.5}");

        try (TopicReader<Delivery> reader = new TopicReader<>(
                KAFKA.bootstrapServers(),
                topics.output("metrics"),
                SwitchboardSerdes.delivery().deserializer())) {
            ConsumerRecord<String, Delivery> record = await().atMost(PATIENCE)
                    .until(
                            () -> find(
                                    reader.poll(), r -> "it-1".equals(r.value().getEventId())),
                            r -> r != null);
            assertThat(record.key()).isEqualTo("metrics");
            assertThat(record.value().getEvent()).isEqualTo("cpu");
        }
    }

    @Test
    void answersASubscribeWithAGrantForTheGateway() {
        ClientAction subscribe = ClientAction.newBuilder()
                .setConnectionId("c-it")
                .setGatewayId("gw-it")
                .setUserId("alice")
                .setRoles(List.of("viewer"))
                .setTime(Instant.now())
                .setRequestId("it-sub")
                .setAction(new Subscribe("status", null))
                .build();
        producer.send(new ProducerRecord<>(
                topics.actions(), "alice", SwitchboardSerdes.clientAction().encode(subscribe)));

        try (TopicReader<Reply> reader = new TopicReader<>(
                KAFKA.bootstrapServers(),
                topics.replies(),
                SwitchboardSerdes.reply().deserializer())) {
            ConsumerRecord<String, Reply> record = await().atMost(PATIENCE)
                    .until(
                            () -> find(reader.poll(), r -> "it-sub"
                                    .equals(r.value().getRequestId())),
                            r -> r != null);
            assertThat(record.key()).isEqualTo("gw-it");
            assertThat(record.value().getConnectionId()).isEqualTo("c-it");
            assertThat(record.value().getBody()).isEqualTo(new Granted("status", null));
        }
    }

    @Test
    void deadLettersInvalidEventsAndUnreadableActionsUnderExactlyOnceAndKeepsGoing() {
        send(topics.events(), "metrics", "{not json");
        send(topics.actions(), "alice", "not an Avro ClientAction");
        send(topics.events(), "status", "{\"id\":\"it-after\",\"channel\":\"status\",\"data\":{}}");

        try (TopicReader<byte[]> dlq =
                        new TopicReader<>(KAFKA.bootstrapServers(), topics.eventsDlq(), new ByteArrayDeserializer());
                TopicReader<Delivery> status = new TopicReader<>(
                        KAFKA.bootstrapServers(),
                        topics.output("status"),
                        SwitchboardSerdes.delivery().deserializer())) {
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(dlq::poll, r -> r.size() >= 2);
            assertThat(dead)
                    .extracting(r -> header(r, DeadLetter.SOURCE_TOPIC))
                    .containsExactlyInAnyOrder(topics.events(), topics.actions());
            assertThat(dead)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("{not json", "not an Avro ClientAction");
            await().atMost(PATIENCE)
                    .until(
                            () -> find(status.poll(), r -> "it-after"
                                    .equals(r.value().getEventId())),
                            r -> r != null);
        }
    }

    private static void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        return record.headers().lastHeader(key) == null
                ? null
                : new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static <V> ConsumerRecord<String, V> find(
            List<ConsumerRecord<String, V>> records, java.util.function.Predicate<ConsumerRecord<String, V>> match) {
        return records.stream().filter(match).findFirst().orElse(null);
    }
}
