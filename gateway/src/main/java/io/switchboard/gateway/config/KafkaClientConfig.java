package io.switchboard.gateway.config;

import io.switchboard.config.Settings;
import io.switchboard.schemas.Topics;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How the gateway reaches Kafka.
 *
 * @param bootstrapServers the cluster's bootstrap servers
 * @param topics the topic catalogue (from the topic prefix)
 * @param clientProperties raw client properties from {@code kafka.*}, applied to every client and winning over the
 *     gateway's own choices except where correctness depends on them (isolation level, no consumer group)
 */
public record KafkaClientConfig(String bootstrapServers, Topics topics, Map<String, String> clientProperties) {
    public KafkaClientConfig {
        clientProperties = Map.copyOf(clientProperties);
    }

    @Override
    public String toString() {
        String props = new TreeMap<>(clientProperties)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + (Settings.isSecret(e.getKey()) ? "******" : e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
        return "KafkaClientConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topics.prefix()
                + ", clientProperties=" + props + "]";
    }
}
