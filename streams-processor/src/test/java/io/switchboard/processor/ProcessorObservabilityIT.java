package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.config.HttpEndpoint;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The processor's /metrics and /health endpoints against a real broker, after real traffic. */
class ProcessorObservabilityIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration METER_REFRESH = Duration.ofMillis(200);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsShowKafkaStreamsAndTheProcessorsOwnCountersWithRealValuesAndReadyOnceRunning() throws Exception {
        ProcessorConfig config = ProcessorConfig.forTests(KAFKA.bootstrapServers());
        try (SwitchboardProcessor processor = SwitchboardProcessor.start(config, METER_REFRESH)) {
            int port = processor.httpPort().orElseThrow();
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            await().atMost(PATIENCE).untilAsserted(() -> {
                HttpResponse<String> ready = get(port, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            });

            sendEvents(config, 3);

            await().atMost(PATIENCE).untilAsserted(() -> {
                String metrics = get(port, "/metrics").body();
                assertThat(value(metrics, "kafka_stream_switchboard_delivered_total", "switchboard_id=\"events\""))
                        .hasValue(3.0);
                assertThat(value(metrics, "kafka_stream_thread_process_total", "")
                                .orElse(0))
                        .isGreaterThanOrEqualTo(3.0);
            });
            String metrics = get(port, "/metrics").body();
            assertThat(metrics)
                    .contains("application=\"processor\"")
                    .contains("jvm_memory_used_bytes")
                    .contains("kafka_consumer_");
        }
    }

    @Test
    void failsAtStartNamingTheKeyWhenTheHttpPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessorConfig config = ProcessorConfig.forTests(
                    KAFKA.bootstrapServers(), Map.of(ProcessorKeys.HTTP_PORT, Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(() -> SwitchboardProcessor.start(config, METER_REFRESH))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("processor.http.port")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void servesNoEndpointsWhenThePortIsMinusOne() {
        ProcessorConfig config = ProcessorConfig.forTests(
                KAFKA.bootstrapServers(), Map.of(ProcessorKeys.HTTP_PORT, Integer.toString(HttpEndpoint.DISABLED)));
        try (SwitchboardProcessor processor = SwitchboardProcessor.start(config, METER_REFRESH)) {
            assertThat(processor.httpPort()).isEmpty();
        }
    }

    private static void sendEvents(ProcessorConfig config, int count) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String event = "{\"channel\":\"status\",\"event\":\"changed\",\"data\":{\"n\":" + i + "}}";
                producer.send(new ProducerRecord<>(
                        config.topics().events(), "status", event.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labelPart}; empty when there is none. */
    private static OptionalDouble value(String scrape, String name, String labelPart) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape);
        boolean found = false;
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains(labelPart)) {
                found = true;
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
