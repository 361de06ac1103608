package io.switchboard.processor.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.topology.SwitchboardTopology;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The role index is built by {@link UsersStoreProcessor} when Kafka Streams restores {@code users-store} from
 * {@code switchboard.users} at start, not only for records read while running: a raw copy of the topic would hold
 * the users' keys and values as written, with no index keys, and would count no ignored record. Each start below
 * reads records that were on the topic before it (restoration), through the whole processor topology.
 */
class UsersStoreRestoreIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Map<String, String> settings;
    private ProcessorConfig config;
    private KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> restored = new ConcurrentHashMap<>();

    @BeforeEach
    void createTopics() {
        String run = "users-it-" + UUID.randomUUID().toString().substring(0, 8);
        // one application id for every start: a start on a fresh state directory restores from the same changelog
        settings = Map.of(ProcessorKeys.TOPIC_PREFIX, run, ProcessorKeys.APPLICATION_ID, run);
        config = ProcessorConfig.forTests(KAFKA.bootstrapServers(), settings);
        TopicCreator.createTopics(config);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void buildsTheRoleIndexWhenItRestoresTheStoreFromAnExistingTopic() {
        write("alice", avro("admin"));
        write("bob", json("{\"roles\":[\"admin\",\"viewer\"],\"updated_by\":\"idp\"}"));
        write("carol", avro("viewer"));
        write("carol", null);
        write("not a user", json("{\"roles\":[\"admin\"]}"));
        write("dave", json("{\"roles\":\"admin\"}"));

        try (Running streams = start(config)) {
            RoleDirectory directory = streams.directory();

            assertThat(restored.get("users-store")).isEqualTo(6L);
            assertThat(directory.holders("admin")).containsExactly("alice", "bob");
            assertThat(directory.holders("viewer")).containsExactly("bob");
            assertThat(directory.entry("bob").orElseThrow().getUpdatedBy()).isEqualTo("idp");
            assertThat(directory.entry("carol")).isEmpty();
            assertThat(streams.ignored()).isEqualTo(2.0);
        }
    }

    @Test
    void appliesOnlyTheNewRecordsThroughTheProcessorWhenRestartedOnItsStateAndAllOfThemOnAFreshState()
            throws IOException {
        write("alice", avro("admin", "viewer"));
        write("bob", avro("admin"));
        try (Running streams = start(config)) {
            assertThat(streams.directory().holders("admin")).containsExactly("alice", "bob");
        }
        write("alice", json("{\"roles\":[\"viewer\"]}"));
        write("bob", null);
        write("erin", json("{\"roles\":[\"admin\"]}"));

        try (Running streams = start(config)) {
            assertThat(restored.get("users-store")).isEqualTo(3L);
            assertRestartedDirectory(streams.directory());
        }
        Map<String, String> freshState = new HashMap<>(settings);
        freshState.put(
                ProcessorKeys.STATE_DIR,
                Files.createTempDirectory("users-it-fresh").toString());
        try (Running streams = start(ProcessorConfig.forTests(KAFKA.bootstrapServers(), freshState))) {
            assertThat(restored.get("users-store")).isEqualTo(5L);
            assertRestartedDirectory(streams.directory());
        }
    }

    private static void assertRestartedDirectory(RoleDirectory directory) {
        assertThat(directory.holders("admin")).containsExactly("erin");
        assertThat(directory.holders("viewer")).containsExactly("alice");
        assertThat(directory.entry("bob")).isEmpty();
    }

    private Running start(ProcessorConfig processorConfig) {
        restored.clear();
        KafkaStreams streams = new KafkaStreams(
                SwitchboardTopology.build(processorConfig).core(), StreamsProperties.streams(processorConfig));
        streams.setGlobalStateRestoreListener(new CountRestored());
        streams.start();
        await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return new Running(streams);
    }

    /** A started Kafka Streams that leaves its group on close, as the processor does, so the next start is quick. */
    private record Running(KafkaStreams streams) implements AutoCloseable {
        RoleDirectory directory() {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType("users-store", QueryableStoreTypes.keyValueStore()));
            return new RoleDirectory(store);
        }

        double ignored() {
            return streams.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("ignored-total")
                            && "users".equals(e.getKey().tags().get("switchboard-id")))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
        }

        @Override
        public void close() {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(PATIENCE));
        }
    }

    private void write(String user, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(config.topics().users(), user, value))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    private static byte[] avro(String... roles) {
        return UserEntryCodec.encode(new UserEntry(List.of(roles), Instant.parse("2026-11-20T10:00:00Z"), "ops"));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sums the records restored per global store, over its partitions. */
    private final class CountRestored implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {}

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.merge(store, totalRestored, Long::sum);
        }
    }
}
