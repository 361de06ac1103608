package io.switchboard.processor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.observability.health.Health;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    @Test
    void aStreamsInstanceThatHasNotStartedIsAliveButNotReadyAndAClosedOneNeither() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-health-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never contacted
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        try {
            assertThat(StreamsHealth.alive(streams).check()).isEqualTo(Health.up("Kafka Streams is CREATED"));
            assertThat(StreamsHealth.running(streams).check()).isEqualTo(Health.down("Kafka Streams is CREATED"));
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
        assertThat(StreamsHealth.alive(streams).check().up()).isTrue();
        assertThat(StreamsHealth.running(streams).check()).isEqualTo(Health.down("Kafka Streams is NOT_RUNNING"));
    }
}
