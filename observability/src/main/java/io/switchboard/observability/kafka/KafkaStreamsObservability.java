package io.switchboard.observability.kafka;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' meters and health, kept apart from {@link KafkaMeters} so that a deployable without Kafka Streams
 * on its class path (the gateway) never loads a Streams type.
 */
public final class KafkaStreamsObservability {
    private KafkaStreamsObservability() {}

    /**
     * Publishes the metrics of a Kafka Streams instance: its own ({@code kafka.stream.*}, e.g. {@code
     * kafka_stream_thread_process_total}) and those of its internal clients ({@code kafka.consumer.*}, {@code
     * kafka.producer.*}, {@code kafka.admin.client.*}). Close the binding before closing the instance.
     */
    public static KafkaMeters.Binding bind(KafkaMeters meters, KafkaStreams streams) {
        KafkaStreamsMetrics binder =
                new KafkaStreamsMetrics(streams, Tags.empty(), meters.refresher(), meters.refreshInterval());
        return meters.bind(binder, binder::close);
    }

    /**
     * Up while the instance is {@code RUNNING} or {@code REBALANCING}; down before it starts, while it shuts down,
     * and after an error. Broker reachability is a separate check: {@link KafkaHealth#responding} with {@code
     * streams::metrics}.
     */
    public static HealthCheck running(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            String detail = "Kafka Streams is " + state;
            return state.isRunningOrRebalancing() ? Health.up(detail) : Health.down(detail);
        };
    }
}
