package io.switchboard.processor.acl;

import io.switchboard.schemas.ClientRecipes;
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
 * {@code kafka.*} properties (security etc.), which win, except for what {@link ClientRecipes} enforce (the reader
 * assigns the partition itself, never commits and never creates the topic with broker defaults).
 */
final class AclClients {
    private final String bootstrapServers;
    private final Map<String, String> kafkaProperties;

    AclClients(String bootstrapServers, Map<String, String> kafkaProperties) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
    }

    Admin admin() {
        Map<String, Object> chosen = base();
        chosen.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        return Admin.create(ClientRecipes.admin(chosen, kafkaProperties));
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> chosen = base();
        chosen.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs());
        chosen.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs() / 2);
        chosen.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs());
        chosen.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(
                ClientRecipes.idempotentProducer(chosen, kafkaProperties),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> chosen = base();
        chosen.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        return new KafkaConsumer<>(
                ClientRecipes.reader(chosen, kafkaProperties), new StringDeserializer(), new ByteArrayDeserializer());
    }

    // No client id: Kafka numbers these short-lived clients itself.
    private Map<String, Object> base() {
        return new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static int timeoutMs() {
        return (int) AclTopic.TIMEOUT.toMillis();
    }
}
