package io.switchboard.processor.metrics;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The processor's own counters, registered in Kafka Streams' metrics (so they reach JMX and any configured
 * metric reporter with the Streams client's tags). Each is a {@code <name>-total} and {@code <name>-rate} metric
 * in group {@code stream-switchboard-metrics}, tagged {@code switchboard-id=<entity>} and {@code thread-id}.
 */
public final class ProcessorMetrics {
    /** The metric group the counters below live in. */
    public static final String GROUP = "stream-switchboard-metrics";

    private static final String SCOPE = "switchboard";

    private ProcessorMetrics() {}

    /** A counter of {@code operation} on {@code entity}, e.g. ({@code events}, {@code dead-lettered}). */
    public static Counter counter(StreamsMetrics metrics, String entity, String operation) {
        Sensor sensor = metrics.addRateTotalSensor(SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
        return sensor::record;
    }

    /** Something that happened, counted. */
    @FunctionalInterface
    public interface Counter {
        void increment();
    }
}
