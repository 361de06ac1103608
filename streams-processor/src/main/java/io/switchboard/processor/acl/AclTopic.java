package io.switchboard.processor.acl;

import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.TopicCatalogue;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AclRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the compacted ACL topic ({@code switchboard.acl}: one partition, key = ACL key as {@link
 * FamilyPattern#parse} accepts it, value = {@link AclRule}, a tombstone removes a rule). Used by the processor to
 * seed the default policy and by the {@code switchboard acl} CLI. Its clients are created on first use and bounded
 * by {@link #TIMEOUT}. Not thread-safe: one thread uses an instance, then closes it.
 *
 * <pre>{@code
 * try (AclTopic acl = new AclTopic("localhost:9092", Map.of(), Topics.defaults())) {
 *     AclRule rule = acl.readAll().get("metrics");
 *     acl.put("metrics", AclRules.revoke(rule, "viewer", Set.of(Permission.SUBSCRIBE), "ops", Instant.now()));
 * }
 * }</pre>
 */
public final class AclTopic implements AutoCloseable {
    /** The longest any call waits for Kafka. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AclTopic.class);

    private final String bootstrapServers;
    private final Topics topics;
    private final String topic;
    private final AclClients clients;
    private final AvroSerde<AclRule> serde = SwitchboardSerdes.aclRule();
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private AclLogReader reader;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param kafkaProperties raw client properties (security etc.), applied to every client this creates
     * @param topics the topic catalogue; the ACL topic is {@link Topics#acl()}
     */
    public AclTopic(String bootstrapServers, Map<String, String> kafkaProperties, Topics topics) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topics = topics;
        this.topic = topics.acl();
        this.clients = new AclClients(bootstrapServers, kafkaProperties);
    }

    /** How the ACL topic is created: one partition (one total order of policy changes), compacted. */
    private static NewTopic newTopic(Topics topics, short replicationFactor) {
        return TopicCatalogue.ACL.newTopic(topics, 1, replicationFactor);
    }

    /**
     * Creates the topic when it is missing (an existing one is left as it is) and returns once the brokers know it.
     *
     * @throws IllegalStateException when Kafka refuses the topic or does not answer within {@link #TIMEOUT}
     */
    public void ensureTopic(short replicationFactor) {
        if (admin == null) {
            admin = clients.admin();
        }
        if (await(
                admin.createTopics(List.of(newTopic(topics, replicationFactor))).all(), "create " + topic)) {
            LOG.info("Created the ACL topic {}", topic);
        }
        reader().awaitTopic();
    }

    /**
     * Every current rule by ACL key, read from the beginning up to the end offsets at the time of the call.
     * Tombstones remove a rule; a value that cannot be decoded is skipped with a warning.
     *
     * @throws IllegalStateException when the topic does not exist or Kafka does not answer within {@link #TIMEOUT}
     */
    public SortedMap<String, AclRule> readAll() {
        return reader().readAll();
    }

    /**
     * Writes one rule and waits for the broker's acknowledgement.
     *
     * @throws IllegalArgumentException when {@code key} is not a valid ACL key ({@link FamilyPattern#parse})
     * @throws IllegalStateException when the topic does not exist or Kafka does not acknowledge within {@link
     *     #TIMEOUT}
     */
    public void put(String key, AclRule rule) {
        FamilyPattern.parse(key);
        Objects.requireNonNull(rule, "rule");
        await(send(key, serde.encode(rule)), "write the rule of '" + key + "' to " + topic);
    }

    /** Writes a tombstone for {@code key} (any key, so that a malformed one can be removed too) and waits. */
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        await(send(key, null), "remove the rule of '" + key + "' from " + topic);
    }

    /**
     * Writes every rule when the topic holds no record at all (its beginning and end offsets are equal), so that
     * an operator's later changes, even removing every rule, are never overwritten.
     *
     * @return whether it wrote the rules
     */
    public boolean seedIfEmpty(Map<String, AclRule> rules) {
        rules.keySet().forEach(FamilyPattern::parse);
        if (!reader().isEmpty()) {
            return false;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        rules.forEach((key, rule) -> sent.add(send(key, serde.encode(rule))));
        for (Future<RecordMetadata> ack : sent) {
            await(ack, "seed " + topic);
        }
        return true;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private Future<RecordMetadata> send(String key, byte[] value) {
        // Checked through the consumer, which never auto-creates it: a producer would create it uncompacted.
        reader().requireTopic();
        if (producer == null) {
            producer = clients.producer();
        }
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    private AclLogReader reader() {
        if (reader == null) {
            reader = new AclLogReader(clients.consumer(), topic, bootstrapServers, serde);
        }
        return reader;
    }

    // Whether the operation completed; false when it failed only because the topic already exists.
    private boolean await(Future<?> future, String what) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(what, e);
            }
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw noAnswer(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }

    private IllegalStateException noAnswer(String what, Exception cause) {
        return noAnswer(bootstrapServers, what, cause);
    }

    static IllegalStateException noAnswer(String bootstrapServers, String what, Exception cause) {
        return new IllegalStateException(
                "Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds() + " s (" + what + ")",
                cause);
    }
}
