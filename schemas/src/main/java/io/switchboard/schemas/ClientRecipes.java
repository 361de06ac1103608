package io.switchboard.schemas;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties of every Kafka client Switchboard builds by hand (the gateway's, the processor's ACL clients, the
 * launcher's commands), in three layers: the caller's choices ({@link #base} plus timeouts and the like), then the
 * operator's raw {@code kafka.*} properties (security etc.), which win over those, then what Switchboard's promises
 * rest on, which nothing overrides.
 */
public final class ClientRecipes {
    private ClientRecipes() {}

    /** What every client starts from: where the cluster is and what the client is called. */
    public static Map<String, Object> base(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /**
     * A consumer that reads partitions it assigns itself: no group and nothing committed; only committed records (the
     * processor writes in exactly-once transactions, and an aborted one must reach no client); and never creating the
     * topic it asks for (the processor creates Switchboard's topics, some compacted, none with broker defaults).
     */
    public static Map<String, Object> reader(Map<String, Object> chosen, Map<String, ?> passThrough) {
        Map<String, Object> props = layered(chosen, passThrough);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    /**
     * A producer whose retries neither duplicate nor reorder records, acknowledged by every in-sync replica, and
     * outside any transaction (a {@code transactional.id} meant for another client is dropped).
     */
    public static Map<String, Object> idempotentProducer(Map<String, Object> chosen, Map<String, ?> passThrough) {
        Map<String, Object> props = layered(chosen, passThrough);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    /** An admin client: the caller's choices, then the raw properties. */
    public static Map<String, Object> admin(Map<String, Object> chosen, Map<String, ?> passThrough) {
        return layered(chosen, passThrough);
    }

    private static Map<String, Object> layered(Map<String, Object> chosen, Map<String, ?> passThrough) {
        Map<String, Object> props = new HashMap<>(chosen);
        props.putAll(passThrough);
        return props;
    }
}
