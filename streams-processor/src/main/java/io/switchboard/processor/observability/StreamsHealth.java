package io.switchboard.processor.observability;

import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;

/** The processor's health checks on its Kafka Streams instance, read from its state (no I/O, no waiting). */
final class StreamsHealth {
    private StreamsHealth() {}

    /**
     * Liveness: down once Streams is in {@code ERROR} or {@code PENDING_ERROR}, states it never leaves by itself (a
     * stream thread died and the processor shuts the client down); a restart is the cure.
     */
    static HealthCheck alive(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            String detail = "Kafka Streams is " + state;
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
            return failed ? Health.down(detail) : Health.up(detail);
        };
    }

    /**
     * Readiness: up only while Streams is {@code RUNNING}. Not while it rebalances: that is also the state in which
     * it restores its stores at start, and a rolling restart should wait for the restore to end.
     */
    static HealthCheck running(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            String detail = "Kafka Streams is " + state;
            return state == KafkaStreams.State.RUNNING ? Health.up(detail) : Health.down(detail);
        };
    }
}
