package io.switchboard.launcher.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of a replay: every wait bounded by {@code timeout}, then the raw {@code kafka.*} properties
 * (security etc.), which win, except for what the replay's promises rest on: {@code read_committed}, no consumer
 * group, an idempotent producer that waits for every replica.
 */
final class ReplayClients {
    private final String bootstrapServers;
    private final Map<String, String> kafkaProperties;
    private final int timeoutMs;

    ReplayClients(String bootstrapServers, Map<String, String> kafkaProperties, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
        this.timeoutMs = (int) timeout.toMillis();
    }

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = common("switchboard-replay-reader");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
        props.putAll(kafkaProperties);
        // An aborted processor transaction never reached a client: it must not reach one through a replay either.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // No group: the replay assigns the partition itself, seeks, and never commits.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = common("switchboard-replay-writer");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(kafkaProperties);
        // Retries must neither duplicate nor reorder copies.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
