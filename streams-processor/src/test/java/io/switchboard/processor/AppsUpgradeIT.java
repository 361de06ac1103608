package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.admin.AppOffsetsUpgrade;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first start after an upgrade that split an app off the core app: the events app goes on where the core app's
 * group stopped on switchboard.events instead of routing the retained history again, and the read-back app where it
 * stopped on the output topics instead of at their end (which would leave publishes without {@code published}).
 */
class AppsUpgradeIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void copiesTheSingleAppsEventsOffsetsToTheEventsGroupOnceAndNothingElse() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        TopicCreator.createTopics(config);
        String events = config.topics().events();
        try (Admin admin = admin()) {
            commit(
                    admin,
                    config.applicationId(),
                    Map.of(
                            new TopicPartition(events, 0), 5L,
                            new TopicPartition(events, 2), 9L,
                            new TopicPartition(config.topics().actions(), 0), 4L));

            Map<TopicPartition, OffsetAndMetadata> copied =
                    AppOffsetsUpgrade.carryOver(config).events();

            Map<TopicPartition, OffsetAndMetadata> expected = Map.of(
                    new TopicPartition(events, 0), new OffsetAndMetadata(5L),
                    new TopicPartition(events, 2), new OffsetAndMetadata(9L));
            assertThat(copied).isEqualTo(expected);
            assertThat(committed(admin, config.eventsApplicationId())).isEqualTo(expected);

            commit(admin, config.applicationId(), Map.of(new TopicPartition(events, 0), 7L));
            assertThat(AppOffsetsUpgrade.carryOver(config).events())
                    .as("the events group has offsets")
                    .isEmpty();
            assertThat(committed(admin, config.eventsApplicationId())).isEqualTo(expected);
        }
    }

    @Test
    void copiesTheCoreAppsOutputTopicOffsetsToTheReadBackGroupOnceAndNothingElse() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        TopicCreator.createTopics(config);
        String forum = config.topics().output("forum_threads");
        String user = config.topics().output("user");
        try (Admin admin = admin()) {
            commit(
                    admin,
                    config.applicationId(),
                    Map.of(
                            new TopicPartition(forum, 1), 12L,
                            new TopicPartition(user, 0), 3L,
                            new TopicPartition(config.topics().events(), 0), 8L,
                            new TopicPartition(config.topics().actions(), 0), 4L));

            Map<TopicPartition, OffsetAndMetadata> expected = Map.of(
                    new TopicPartition(forum, 1), new OffsetAndMetadata(12L),
                    new TopicPartition(user, 0), new OffsetAndMetadata(3L));
            assertThat(AppOffsetsUpgrade.carryOver(config).readBack()).isEqualTo(expected);
            assertThat(committed(admin, config.readBackApplicationId())).isEqualTo(expected);

            commit(admin, config.applicationId(), Map.of(new TopicPartition(forum, 1), 20L));
            assertThat(AppOffsetsUpgrade.carryOver(config).readBack())
                    .as("the read-back group has offsets")
                    .isEmpty();
            assertThat(committed(admin, config.readBackApplicationId())).isEqualTo(expected);
        }
    }

    @Test
    void leavesTheEventsGroupAloneOnAFreshDeployment() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        TopicCreator.createTopics(config);

        assertThat(AppOffsetsUpgrade.carryOver(config).events()).isEmpty();
        try (Admin admin = admin()) {
            assertThat(committed(admin, config.eventsApplicationId())).isEmpty();
        }
    }

    @Test
    void anUpgradedProcessorRoutesOnlyTheEventsTheSingleAppHadNotRouted() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        TopicCreator.createTopics(config);
        String events = config.topics().events();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, events, "old-1");
            send(producer, events, "old-2");
            try (Admin admin = admin()) {
                // the single app routed both events of partition 0 and committed; the others are empty
                commit(
                        admin,
                        config.applicationId(),
                        Map.of(
                                new TopicPartition(events, 0), 2L,
                                new TopicPartition(events, 1), 0L,
                                new TopicPartition(events, 2), 0L));
            }
            try (SwitchboardProcessor processor = SwitchboardProcessor.start(config);
                    TopicReader<Delivery> metrics = new TopicReader<>(
                            KAFKA.bootstrapServers(),
                            config.topics().output("metrics"),
                            SwitchboardSerdes.delivery().deserializer())) {
                send(producer, events, "new-1");

                List<ConsumerRecord<String, Delivery>> routed = await().atMost(PATIENCE)
                        .until(metrics::poll, records -> records.stream()
                                .anyMatch(r -> "new-1".equals(r.value().getEventId())));

                // one partition in, one out: a history routed again would have come before new-1
                assertThat(routed).extracting(r -> r.value().getEventId()).containsExactly("new-1");
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String id) throws Exception {
        String event = "{\"id\":\"" + id + "\",\"channel\":\"metrics\",\"data\":1}";
        producer.send(new ProducerRecord<>(topic, 0, "metrics", event.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, committed).all().get();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
