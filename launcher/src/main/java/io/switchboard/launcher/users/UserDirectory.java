package io.switchboard.launcher.users;

import io.switchboard.launcher.kafka.ClientProperties;
import io.switchboard.launcher.kafka.KafkaCalls;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the role directory, the compacted topic {@code <prefix>.users} (key = user id; value = {@link
 * UserEntry} in Avro single-object encoding, or the JSON an identity service writes; a tombstone removes the user).
 * Writes are Avro ({@link UserEntryCodec#encode}), keyed by user id with Kafka's default partitioner, as an identity
 * service writes them, so that compaction keeps one record per user. Its clients are created on first use; every wait
 * is bounded by {@link KafkaCalls#TIMEOUT}. Not thread-safe: one thread uses an instance, then closes it.
 *
 * <pre>{@code
 * try (UserDirectory users = new UserDirectory(new ClientProperties("localhost:9092", Map.of()), "switchboard.users")) {
 *     users.put("alice", new UserEntry(List.of("admin"), Instant.now(), "ops"));
 * }
 * }</pre>
 */
public final class UserDirectory implements AutoCloseable {
    private final ClientProperties properties;
    private final String topic;
    private final KafkaCalls calls;
    private DirectoryLog log;
    private KafkaProducer<String, byte[]> producer;

    public UserDirectory(ClientProperties properties, String topic) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.calls = new KafkaCalls(properties.bootstrapServers());
    }

    /** How the directory topic is created: compacted, like the processor creates it. */
    public static NewTopic newTopic(String topic, int partitions, short replicationFactor) {
        return new NewTopic(topic, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /**
     * Every user's latest entry by user id, read from the beginning to the end offsets at the time of the call.
     *
     * @throws IllegalStateException when the topic does not exist or Kafka does not answer in time
     */
    public SortedMap<String, DirectoryEntry> readAll() {
        return log().readAll();
    }

    /**
     * Writes {@code entry} for {@code user} and waits for every replica's acknowledgement.
     *
     * @throws IllegalArgumentException when {@code user} is not a valid user id ({@link UserIds})
     * @throws IllegalStateException when the topic does not exist or Kafka does not acknowledge in time
     */
    public void put(String user, UserEntry entry) {
        UserIds.check(user);
        send(user, UserEntryCodec.encode(entry), "write the entry of '" + user + "' to " + topic);
    }

    /** Writes a tombstone for {@code user} (any key, so that an invalid one can be removed too) and waits. */
    public void remove(String user) {
        Objects.requireNonNull(user, "user");
        send(user, null, "remove '" + user + "' from " + topic);
    }

    private void send(String user, byte[] value, String what) {
        // Checked through the consumer, which never creates it: a producer would create it with the broker's
        // defaults (not compacted) where the broker creates topics on demand.
        log().requireTopic();
        if (producer == null) {
            producer = new KafkaProducer<>(
                    properties.writer("switchboard-users-writer"), new StringSerializer(), new ByteArraySerializer());
        }
        calls.await(what, producer.send(new ProducerRecord<>(topic, user, value)));
    }

    private DirectoryLog log() {
        if (log == null) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    properties.reader("switchboard-users-reader"),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            log = new DirectoryLog(consumer, topic, calls);
        }
        return log;
    }

    @Override
    public void close() {
        try {
            if (log != null) {
                log.close();
            }
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }
}
