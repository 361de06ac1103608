package io.switchboard.processor.observability;

import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One of the processor's Kafka Streams apps, by the name its health checks report ({@code core}, {@code events}).
 *
 * @param name the app's name in health details
 * @param streams the app, created, not necessarily started
 */
public record StreamsApp(String name, KafkaStreams streams) {
    public StreamsApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(streams, "streams");
    }
}
