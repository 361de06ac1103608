package io.switchboard.gateway.kafka;

import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka answers this gateway, as last judged by the reply consumer's thread after each poll (from its own
 * client metrics: {@link io.switchboard.observability.kafka.KafkaHealth}). Reading it is one volatile read, so the
 * action path asks it for every action, and the {@code kafka} readiness check answers from it. Starts reachable: the
 * gateway has just reached Kafka to start.
 */
public final class KafkaReachability implements HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private volatile Health last = Health.up("Kafka answered at start");

    /** Whether actions can be handed to Kafka now. */
    public boolean reachable() {
        return last.up();
    }

    @Override
    public Health check() {
        return last;
    }

    /** The latest judgement; a change is logged once. */
    void update(Health health) {
        Health previous = last;
        last = health;
        if (previous.up() && !health.up()) {
            LOG.warn(
                    "kafka-unreachable: {}; actions get 'unavailable', upgrades 503, until it answers",
                    health.detail());
        } else if (!previous.up() && health.up()) {
            LOG.info("kafka-reachable: {}; accepting actions and upgrades again", health.detail());
        }
    }
}
