package io.switchboard.processor.observability;

import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;

/** The processor's health checks on its Kafka Streams apps, read from their states (no I/O, no waiting). */
final class StreamsHealth {
    private StreamsHealth() {}

    /**
     * Liveness: down once any app is in {@code ERROR} or {@code PENDING_ERROR}, states it never leaves by itself (a
     * stream thread died and the processor shuts down); a restart is the cure.
     */
    static HealthCheck alive(List<StreamsApp> apps) {
        return check(apps, state -> state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR);
    }

    /**
     * Readiness: up only while every app is {@code RUNNING}. Not while one rebalances: that is also the state in
     * which it restores its stores at start, and a rolling restart should wait for the restore to end.
     */
    static HealthCheck running(List<StreamsApp> apps) {
        return check(apps, state -> state == KafkaStreams.State.RUNNING);
    }

    private static HealthCheck check(List<StreamsApp> apps, Predicate<KafkaStreams.State> good) {
        List<StreamsApp> checked = List.copyOf(apps);
        return () -> {
            boolean up = true;
            StringJoiner detail = new StringJoiner(", ", "Kafka Streams is ", "");
            for (StreamsApp app : checked) {
                KafkaStreams.State state = app.streams().state(); // read once: it may change meanwhile
                up &= good.test(state);
                detail.add(state + " (" + app.name() + ")");
            }
            return up ? Health.up(detail.toString()) : Health.down(detail.toString());
        };
    }
}
