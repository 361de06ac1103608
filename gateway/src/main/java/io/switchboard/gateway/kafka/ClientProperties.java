package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of the gateway's Kafka clients: the gateway's choices, then the {@code kafka.*} pass-through on
 * top, then the settings correctness depends on, which nothing overrides.
 */
final class ClientProperties {
    private ClientProperties() {}

    /** Idempotent, acks=all, short linger, and a short block so that a dead cluster fails fast to the client. */
    static Map<String, Object> producer(KafkaClientConfig config, String clientId) {
        Map<String, Object> props = base(config, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(config.clientProperties());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /**
     * A consumer without a group (partitions assigned by hand, nothing committed) that reads only committed records:
     * the processor writes in exactly-once transactions.
     */
    static Map<String, Object> consumer(KafkaClientConfig config, String clientId) {
        Map<String, Object> props = base(config, clientId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.putAll(config.clientProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /**
     * The recovery consumer: a {@link #consumer} that never resets its position by itself (a record that is no
     * longer retained must be an error, not a silent jump), reading at most one poll of records ahead of a session.
     * It reads only records that exist, so a fetch never waits long for more at the end of a partition: a long wait
     * there would hold up the next recovery, which cannot fetch until that fetch returns.
     */
    static Map<String, Object> recoveryConsumer(KafkaClientConfig config, String clientId) {
        Map<String, Object> props = base(config, clientId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.putAll(consumer(config, clientId));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    static Map<String, Object> admin(KafkaClientConfig config, String clientId) {
        Map<String, Object> props = base(config, clientId);
        config.clientProperties().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        return props;
    }

    private static Map<String, Object> base(KafkaClientConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
