package io.switchboard.processor.acl;

import static io.switchboard.schemas.avro.Permission.PUBLISH;
import static io.switchboard.schemas.avro.Permission.SUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AclRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ACL topic on a real KRaft broker; every test works on its own topic prefix. */
class AclTopicIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private Topics topics;
    private AclTopic acl;

    @BeforeEach
    void openTopic() {
        topics = new Topics("acl-it-" + UUID.randomUUID().toString().substring(0, 8));
        acl = new AclTopic(KAFKA.bootstrapServers(), Map.of(), topics);
    }

    @AfterEach
    void closeTopic() {
        acl.close();
    }

    @Test
    void createsTheTopicCompactedWithOnePartitionAndLeavesAnExistingOneAlone() throws Exception {
        acl.ensureTopic((short) 1);
        acl.ensureTopic((short) 1);

        assertCompactedWithOnePartition(topics.acl());
    }

    @Test
    void seedsAnEmptyTopicOnceAndOnlyOnce() {
        acl.ensureTopic((short) 1);
        SortedMap<String, AclRule> defaults = DefaultPolicy.rules(AT);

        assertThat(acl.seedIfEmpty(defaults)).isTrue();
        assertThat(acl.readAll()).isEqualTo(defaults);

        Map<String, AclRule> other = Map.of("metrics", rule("admin", AT.plusSeconds(5)));
        assertThat(acl.seedIfEmpty(other)).isFalse();
        try (AclTopic restarted = new AclTopic(KAFKA.bootstrapServers(), Map.of(), topics)) {
            assertThat(restarted.seedIfEmpty(other)).isFalse();
            assertThat(restarted.readAll()).isEqualTo(defaults);
        }
    }

    @Test
    void doesNotSeedAgainAfterAnOperatorRemovedEveryRule() {
        acl.ensureTopic((short) 1);
        acl.seedIfEmpty(DefaultPolicy.rules(AT));
        DefaultPolicy.rules(AT).keySet().forEach(acl::remove);

        assertThat(acl.readAll()).isEmpty();
        assertThat(acl.seedIfEmpty(DefaultPolicy.rules(AT))).isFalse();
        assertThat(acl.readAll()).isEmpty();
    }

    @Test
    void readsBackWhatItPutAndForgetsWhatItRemoved() {
        acl.ensureTopic((short) 1);
        AclRule first = rule("viewer", AT);
        AclRule changed = AclRules.grant(first, "viewer", Set.of(PUBLISH), "ops", AT.plusSeconds(60));

        acl.put("metrics", first);
        acl.put("forum_threads:*", rule("bot", AT));
        acl.put("metrics", changed);
        acl.remove("forum_threads:*");

        try (AclTopic reader = new AclTopic(KAFKA.bootstrapServers(), Map.of(), topics)) {
            SortedMap<String, AclRule> rules = reader.readAll();
            assertThat(rules).containsOnlyKeys("metrics");
            assertThat(rules.get("metrics")).isEqualTo(changed);
            assertThat(rules.get("metrics").getRoles()).containsEntry("viewer", List.of(SUBSCRIBE, PUBLISH));
        }
        acl.put("forum_threads:*", rule("bot", AT));
        assertThat(acl.readAll()).containsOnlyKeys("forum_threads:*", "metrics");
    }

    @Test
    void skipsAValueItCannotDecodeAndKeepsTheRuleBeforeIt() {
        acl.ensureTopic((short) 1);
        acl.put("metrics", rule("viewer", AT));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.acl(), "metrics", "not an AclRule".getBytes(StandardCharsets.UTF_8)));
            raw.send(new ProducerRecord<>(topics.acl(), "status", "garbage".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
        }

        assertThat(acl.readAll()).containsOnlyKeys("metrics").containsEntry("metrics", rule("viewer", AT));
    }

    @Test
    void refusesAnInvalidKeyBeforeWriting() {
        acl.ensureTopic((short) 1);

        assertThatThrownBy(() -> acl.put("user:*", rule("viewer", AT))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> acl.put("metrics:42", rule("viewer", AT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(acl.readAll()).isEmpty();
    }

    @Test
    void refusesToReadOrWriteATopicThatDoesNotExistInsteadOfCreatingIt() throws Exception {
        assertThatThrownBy(acl::readAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> acl.put("metrics", rule("viewer", AT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist");
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topics.acl());
        }
    }

    @Test
    void theProcessorCreatesTheAclTopicCompactedWithOnePartitionBesideItsOtherTopics() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(ProcessorKeys.TOPIC_PREFIX, topics.prefix(), "processor.topics.partitions", "2"));

        TopicCreator.createTopics(config);

        assertCompactedWithOnePartition(topics.acl());
        try (Admin admin = admin()) {
            TopicDescription events = admin.describeTopics(List.of(topics.events()))
                    .allTopicNames()
                    .get()
                    .get(topics.events());
            assertThat(events.partitions()).hasSize(2);
        }
    }

    private static void assertCompactedWithOnePartition(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(30).toMillis()));
    }

    private static AclRule rule(String role, Instant at) {
        return AclRules.grant(null, role, Set.of(SUBSCRIBE), "it", at);
    }
}
