package io.switchboard.processor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.observability.health.Health;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    @Test
    void aStreamsInstanceThatHasNotStartedIsAliveButNotReadyAndAClosedOneNeither() {
        KafkaStreams streams = streams("streams-health-test");
        List<StreamsApp> apps = List.of(new StreamsApp("core", streams));
        try {
            assertThat(StreamsHealth.alive(apps).check()).isEqualTo(Health.up("Kafka Streams is CREATED (core)"));
            assertThat(StreamsHealth.running(apps).check()).isEqualTo(Health.down("Kafka Streams is CREATED (core)"));
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
        assertThat(StreamsHealth.alive(apps).check().up()).isTrue();
        assertThat(StreamsHealth.running(apps).check()).isEqualTo(Health.down("Kafka Streams is NOT_RUNNING (core)"));
    }

    @Test
    void reportsEveryAppAndIsReadyOnlyWhenAllAre() {
        KafkaStreams core = streams("streams-health-core");
        KafkaStreams events = streams("streams-health-events");
        List<StreamsApp> apps = List.of(new StreamsApp("core", core), new StreamsApp("events", events));
        try {
            events.close(Duration.ofSeconds(5));

            assertThat(StreamsHealth.running(apps).check())
                    .isEqualTo(Health.down("Kafka Streams is CREATED (core), NOT_RUNNING (events)"));
            assertThat(StreamsHealth.alive(apps).check().up()).isTrue();
        } finally {
            core.close(Duration.ofSeconds(5));
        }
    }

    private static KafkaStreams streams(String applicationId) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never contacted
        return new KafkaStreams(builder.build(), properties);
    }
}
