package io.switchboard.launcher.replay;

import io.switchboard.schemas.ClientRecipes;
import java.time.Duration;
import java.util.Map;
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
 * (security etc.), which win, except for what the replay's promises rest on ({@link ClientRecipes}): an aborted
 * processor transaction never reached a client, so it must not reach one through a replay either ({@code
 * read_committed}); no consumer group (the replay assigns the partition itself, seeks, and never commits); and an
 * idempotent producer that waits for every replica (retries must neither duplicate nor reorder copies).
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
        Map<String, Object> chosen = ClientRecipes.base(bootstrapServers, "switchboard-replay-reader");
        chosen.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        chosen.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
        return new KafkaConsumer<>(
                ClientRecipes.reader(chosen, kafkaProperties), new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> chosen = ClientRecipes.base(bootstrapServers, "switchboard-replay-writer");
        chosen.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        chosen.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
        chosen.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        chosen.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(
                ClientRecipes.idempotentProducer(chosen, kafkaProperties),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
