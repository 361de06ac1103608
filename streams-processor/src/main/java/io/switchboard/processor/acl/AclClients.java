package io.switchboard.processor.acl;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of {@link AclTopic}: defaults that bound every wait by {@link AclTopic#TIMEOUT}, then the raw
 * {@code kafka.*} properties (security etc.), which win.
 */
final class AclClients {
    private final String bootstrapServers;
    private final Map<String, String> kafkaProperties;

    AclClients(String bootstrapServers, Map<String, String> kafkaProperties) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
    }

    Admin admin() {
        Map<String, Object> props = common();
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        return Admin.create(withRaw(props));
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs() / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(withRaw(props), new StringSerializer(), new ByteArraySerializer());
    }

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = common();
        // No group: the reader assigns the partition itself and never commits.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must never create the topic with broker defaults (not compacted).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        Map<String, Object> merged = withRaw(props);
        merged.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(merged, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    private Map<String, Object> withRaw(Map<String, Object> props) {
        props.putAll(kafkaProperties);
        return props;
    }

    private static int timeoutMs() {
        return (int) AclTopic.TIMEOUT.toMillis();
    }
}
