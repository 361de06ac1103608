package io.switchboard.processor.metrics;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The processor's own counters, registered in Kafka Streams' metrics (so they reach JMX and any configured
 * metric reporter with the Streams client's tags). Each is a {@code <name>-total} and {@code <name>-rate} metric
 * in group {@code stream-switchboard-metrics}, tagged {@code switchboard-id=<entity>} and {@code thread-id}.
 */
public final class ProcessorMetrics {
    /** The metric group the counters below live in. */
    static final String GROUP = "stream-switchboard-metrics";

    private static final String SCOPE = "switchboard";

    private ProcessorMetrics() {}

    /** A counter of {@code operation} on {@code entity}, e.g. ({@code events}, {@code dead-lettered}). */
    public static Counter counter(StreamsMetrics metrics, String entity, String operation) {
        Sensor sensor = metrics.addRateTotalSensor(SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
        return sensor::record;
    }

    /**
     * A running sum of {@code operation} on {@code entity}, e.g. ({@code compression}, {@code bytes-saved}): one
     * {@code <operation>-total} metric in {@link #GROUP}, tagged like the counters. Call on the stream thread.
     */
    public static Amount sum(StreamsMetrics metrics, String entity, String operation, String description) {
        String thread = Thread.currentThread().getName();
        Sensor sensor =
                metrics.addSensor(String.join(".", SCOPE, entity, operation, thread), Sensor.RecordingLevel.INFO);
        Map<String, String> tags = Map.of("thread-id", thread, SCOPE + "-id", entity);
        sensor.add(new MetricName(operation + "-total", GROUP, description, tags), new CumulativeSum());
        return sensor::record;
    }

    /** Something that happened, counted. */
    @FunctionalInterface
    public interface Counter {
        void increment();
    }

    /** A quantity, summed. */
    @FunctionalInterface
    public interface Amount {
        void add(double value);
    }
}
