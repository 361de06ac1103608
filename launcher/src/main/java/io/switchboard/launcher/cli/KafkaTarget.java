package io.switchboard.launcher.cli;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import io.switchboard.launcher.kafka.ClientProperties;
import io.switchboard.processor.config.ProcessorKeys;
import io.switchboard.schemas.Topics;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the client commands ({@code acl}, {@code users}, {@code replay}) find Kafka and its topics: the processor's own
 * keys, so one properties file serves the processor and them.
 *
 * @param bootstrapServers {@code processor.bootstrap-servers}
 * @param topics from {@code processor.topic-prefix}
 * @param replicationFactor {@code processor.topics.replication-factor}, for an ACL or role directory topic created
 *     here
 * @param kafkaProperties the raw {@code kafka.*} client properties (security), prefix removed
 */
record KafkaTarget(
        String bootstrapServers, Topics topics, short replicationFactor, Map<String, String> kafkaProperties) {
    static final String BOOTSTRAP = ProcessorKeys.BOOTSTRAP_SERVERS;
    static final String TOPIC_PREFIX = ProcessorKeys.TOPIC_PREFIX;
    static final String REPLICATION_FACTOR = ProcessorKeys.REPLICATION_FACTOR;
    static final String KAFKA_PREFIX = "kafka.";

    /** Reads the keys; throws {@link ConfigException} naming a bad one. */
    static KafkaTarget from(Settings settings) {
        Topics topics;
        try {
            topics = new Topics(settings.nonBlank(TOPIC_PREFIX).trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TOPIC_PREFIX, e.getMessage());
        }
        return new KafkaTarget(
                settings.nonBlank(BOOTSTRAP).trim(),
                topics,
                (short) settings.integer(REPLICATION_FACTOR, 1, Short.MAX_VALUE),
                settings.withPrefix(KAFKA_PREFIX));
    }

    /** The properties of the command's Kafka clients. */
    ClientProperties clientProperties() {
        return new ClientProperties(bootstrapServers, kafkaProperties);
    }

    /** The settings these come from, for {@code --print-config}. */
    Settings settings() {
        Map<String, String> values = new TreeMap<>();
        values.put(BOOTSTRAP, bootstrapServers);
        values.put(TOPIC_PREFIX, topics.prefix());
        values.put(REPLICATION_FACTOR, String.valueOf(replicationFactor));
        kafkaProperties.forEach((key, value) -> values.put(KAFKA_PREFIX + key, value));
        return Settings.of(values);
    }
}
