package io.switchboard.launcher.kafka;

import io.switchboard.schemas.ClientRecipes;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of the short-lived Kafka clients of the client commands: every wait bounded by {@link
 * KafkaCalls#TIMEOUT}, then the raw {@code kafka.*} properties (security etc.), which win, except for what the
 * {@link ClientRecipes} enforce.
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
    Map<String, Object> admin(String clientId) {
        Map<String, Object> chosen = ClientRecipes.base(bootstrapServers, clientId);
        chosen.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        chosen.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        return ClientRecipes.admin(chosen, kafkaProperties);
    }

    /**
     * A consumer's that reads whole partitions by itself: a {@link ClientRecipes#reader} (no group, nothing
     * committed, only committed transactions, never creating the topic it asks for).
     */
    public Map<String, Object> reader(String clientId) {
        Map<String, Object> chosen = ClientRecipes.base(bootstrapServers, clientId);
        chosen.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        chosen.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        return ClientRecipes.reader(chosen, kafkaProperties);
    }

    /** A producer's that sends at once: a {@link ClientRecipes#idempotentProducer}. */
    public Map<String, Object> writer(String clientId) {
        Map<String, Object> chosen = ClientRecipes.base(bootstrapServers, clientId);
        chosen.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        chosen.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        chosen.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        chosen.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return ClientRecipes.idempotentProducer(chosen, kafkaProperties);
    }
}
