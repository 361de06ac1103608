package io.switchboard.schemas;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One of Switchboard's topics, as every module must see it alike: its name (from the topic prefix), its key and
 * value serdes, how its records are partitioned, how it is kept, and who writes it. The entries are in {@link
 * TopicCatalogue}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TopicSpec<K, V> {
    /** How records find their partition. */
    public enum Partitioning {
        /** Kafka's default partitioner on the key ({@link KeyPartitioner}): one key's records stay in order. */
        BY_KEY,
        /** One partition: one total order of every record. */
        ONE_PARTITION
    }

    /** How the topic is kept. */
    public enum Cleanup {
        /** Records are deleted after the retention time (the broker's default policy, so it is not set). */
        DELETE(Map.of()),
        /** The last value per key is kept; a null value (tombstone) deletes the key. */
        COMPACT(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

        private final Map<String, String> topicConfigs;

        Cleanup(Map<String, String> topicConfigs) {
            this.topicConfigs = topicConfigs;
        }

        /** The topic configuration that makes it so; empty when the broker's default does. */
        public Map<String, String> topicConfigs() {
            return topicConfigs;
        }
    }

    /** Who writes a topic. */
    public enum Writer {
        /** The services that publish domain events. */
        SERVICES,
        GATEWAY,
        PROCESSOR,
        /** The {@code switchboard} launcher's commands ({@code acl}, {@code users}, {@code replay}, {@code dev}). */
        LAUNCHER
    }

    private final String role;
    private final Function<Topics, String> name;
    private final String key;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Partitioning partitioning;
    private final Cleanup cleanup;
    private final Set<Writer> writers;

    /**
     * @param role what the topic is for, in a few words
     * @param name its name under a topic prefix
     * @param key what its record key is
     */
    TopicSpec(
            String role,
            Function<Topics, String> name,
            String key,
            Serde<K> keySerde,
            Serde<V> valueSerde,
            Partitioning partitioning,
            Cleanup cleanup,
            Set<Writer> writers) {
        this.role = Objects.requireNonNull(role, "role");
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
        this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
        this.partitioning = Objects.requireNonNull(partitioning, "partitioning");
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
        this.writers = Set.copyOf(writers);
    }

    /** The topic's name under the prefix of {@code topics}. */
    public String name(Topics topics) {
        return name.apply(topics);
    }

    /** What the topic is for. */
    public String role() {
        return role;
    }

    /** What its record key is. */
    public String key() {
        return key;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public Partitioning partitioning() {
        return partitioning;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    public boolean compacted() {
        return cleanup == Cleanup.COMPACT;
    }

    public Set<Writer> writers() {
        return writers;
    }

    /** How many partitions the topic is created with, given the configured number for keyed topics. */
    public int partitions(int configured) {
        return partitioning == Partitioning.ONE_PARTITION ? 1 : configured;
    }

    /** The topic as an admin client creates it: its partitions and cleanup policy, nothing else set. */
    public NewTopic newTopic(Topics topics, int configuredPartitions, short replicationFactor) {
        NewTopic topic = new NewTopic(name(topics), partitions(configuredPartitions), replicationFactor);
        return cleanup.topicConfigs().isEmpty() ? topic : topic.configs(cleanup.topicConfigs());
    }

    @Override
    public String toString() {
        return "TopicSpec[" + name(Topics.defaults()) + ", " + partitioning + ", " + cleanup + ", written by " + writers
                + "]";
    }
}
