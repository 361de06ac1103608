package io.switchboard.launcher.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of the short-lived Kafka clients of the client commands: every wait bounded by {@link
 * KafkaCalls#TIMEOUT}, then the raw {@code kafka.*} properties (security etc.), which win, except for what reading a
 * compacted topic to its end rests on (see {@link #reader}).
 */
public final class ClientProperties {
    private static final int TIMEOUT_MS = (int) KafkaCalls.TIMEOUT.toMillis();

    private final String bootstrapServers;
    private final Map<String, String> kafkaProperties;

    /** @param kafkaProperties raw client properties, the {@code kafka.} prefix removed */
    public ClientProperties(String bootstrapServers, Map<String, String> kafkaProperties) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client's. */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        props.putAll(kafkaProperties);
        return props;
    }

    /**
     * A consumer's that reads whole partitions by itself: no group, nothing committed, only committed transactions
     * (the processor writes in transactions), and never creating the topic it asks for.
     */
    public Map<String, Object> reader(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        props.putAll(kafkaProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Asking for a missing topic must never create it with the broker's defaults (not compacted).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    /** A producer's that waits for every replica and sends at once. */
    public Map<String, Object> writer(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putAll(kafkaProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
