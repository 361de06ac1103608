package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.schemas.ClientRecipes;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of the gateway's Kafka clients: the gateway's choices, then the {@code kafka.*} pass-through on
 * top, then the settings correctness depends on ({@link ClientRecipes}), which nothing overrides.
 */
final class ClientProperties {
    /** Bytes after which a waiting fetch of the delivery consumer is answered before its batch wait is over. */
    private static final int BATCH_BYTES = 1 << 20;

    private ClientProperties() {}

    /** Idempotent, short linger, and a short block so that a dead cluster fails fast to the client. */
    static Map<String, Object> producer(KafkaClientConfig config, String clientId) {
        Map<String, Object> chosen = base(config, clientId);
        chosen.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        chosen.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        chosen.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        chosen.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        return ClientRecipes.idempotentProducer(chosen, config.clientProperties());
    }

    /**
     * A {@linkplain ClientRecipes#reader reader} (partitions assigned by hand, nothing committed, only committed
     * records: client publishes are written in exactly-once transactions) that starts at the end when it has no
     * position, and whose fetches wait up to {@code batchWait} for up to 1 MiB to gather: one fan-out, and so one
     * write per socket, then carries every record of that window.
     */
    static Map<String, Object> consumer(KafkaClientConfig config, String clientId, Duration batchWait) {
        Map<String, Object> chosen = base(config, clientId);
        chosen.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        if (!batchWait.isZero()) {
            chosen.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, BATCH_BYTES);
            chosen.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) batchWait.toMillis());
        }
        return ClientRecipes.reader(chosen, config.clientProperties());
    }

    /**
     * The recovery consumer: a {@link ClientRecipes#reader} that never resets its position by itself (a record that
     * is no longer retained must be an error, not a silent jump), reading at most one poll of records ahead of a
     * session. It reads only records that exist, so a fetch never waits long for more at the end of a partition: a
     * long wait there would hold up the next recovery, which cannot fetch until that fetch returns.
     */
    static Map<String, Object> recoveryConsumer(KafkaClientConfig config, String clientId) {
        Map<String, Object> chosen = base(config, clientId);
        chosen.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Map<String, Object> props = ClientRecipes.reader(chosen, config.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    /** An admin client, given only the {@code kafka.*} properties an admin client knows (they serve every client). */
    static Map<String, Object> admin(KafkaClientConfig config, String clientId) {
        Map<String, String> adminOnly = config.clientProperties().entrySet().stream()
                .filter(entry -> AdminClientConfig.configNames().contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return ClientRecipes.admin(base(config, clientId), adminOnly);
    }

    private static Map<String, Object> base(KafkaClientConfig config, String clientId) {
        return ClientRecipes.base(config.bootstrapServers(), clientId);
    }
}
