package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.SwitchboardGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is a separate process killed with SIGKILL in the middle of a stream. Events are routed at-least-once,
 * and the first processor never commits its events position (its events commit interval is longer than the test), so
 * its replacement routes every event again: the output topic holds a second copy of each delivery after the first.
 * Still, a subscriber connected throughout and a subscriber that resumes with {@code since} after the crash each see
 * every event exactly once and in order, because the gateway drops the copies by their source position.
 */
class ProcessorCrashIT {
    private static final int EVENTS = 1500;
    private static final int KILL_AFTER = 500;
    private static final int IN_FLIGHT = 100;

    private static final Pattern DUPLICATES =
            Pattern.compile("(?m)^switchboard_gateway_deliveries_duplicates_total(?:\\{[^}]*})? ([0-9.E]+)$");

    @TempDir
    Path dir;

    @Test
    void subscribersSeeEveryEventOnceInOrderAcrossAProcessorKillThatRoutesEverythingAgain() throws Exception {
        try (CrashableProcessor processor = CrashableProcessor.start(dir, "crash")) {
            String bootstrap = processor.bootstrapServers();
            try (SwitchboardGateway gateway =
                            SwitchboardGateway.start(SwitchboardCluster.gatewayConfig(bootstrap, Map.of()));
                    TestClient client =
                            TestClient.connect(gateway.port(), SwitchboardCluster.token("reader", "viewer"))) {
                String thread = "forum_threads:" + UUID.randomUUID();
                client.subscribe(thread);
                JsonNode lastBeforeLeaving;
                try (TestClient leaver =
                        TestClient.connect(gateway.port(), SwitchboardCluster.token("leaver", "viewer"))) {
                    leaver.subscribe(thread);
                    try (KafkaProducer<String, String> producer = processor.producer()) {
                        // the first part goes through while the processor runs; the next 100 are in flight when it dies
                        produce(producer, thread, 0, KILL_AFTER);
                        await().atMost(Duration.ofSeconds(60))
                                .until(() -> client.messages(thread).size() >= KILL_AFTER
                                        && leaver.messages(thread).size() >= KILL_AFTER);
                        List<JsonNode> got = leaver.messages(thread);
                        lastBeforeLeaving = got.get(got.size() - 1);
                    }
                }
                try (KafkaProducer<String, String> producer = processor.producer()) {
                    produce(producer, thread, KILL_AFTER, KILL_AFTER + IN_FLIGHT);
                    processor.kill();
                    produce(producer, thread, KILL_AFTER + IN_FLIGHT, EVENTS);
                }
                processor.startReplacement();
                // the last event is the partition's last record, after every copy: a copy let through would be
                // in the list by the time it has EVENTS entries
                await().atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(client.messages(thread)).hasSizeGreaterThanOrEqualTo(EVENTS));
                assertThat(sequences(client.messages(thread))).containsExactlyElementsOf(range(0, EVENTS));
                assertThat(duplicatesDropped(gateway.port()))
                        .as("copies routed again by the second processor, dropped by the gateway")
                        .isGreaterThanOrEqualTo(KILL_AFTER);

                try (TestClient resumed =
                        TestClient.connect(gateway.port(), SwitchboardCluster.token("leaver", "viewer"))) {
                    resumed.subscribe(
                            thread,
                            lastBeforeLeaving.path("offset").asLong(),
                            lastBeforeLeaving.path("epoch").asText());
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(resumed.messages(thread))
                            .hasSizeGreaterThanOrEqualTo(EVENTS - KILL_AFTER));
                    // as above: the last event arrives after every copy
                    assertThat(sequences(resumed.messages(thread)))
                            .as("recovered from since, past every copy in the topic")
                            .containsExactlyElementsOf(range(KILL_AFTER, EVENTS));
                }
            }
        }
    }

    private static List<Integer> sequences(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("data").path("seq").asInt()).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static double duplicatesDropped(int gatewayPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher matcher = DUPLICATES.matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** Events {@code from..to-1} on {@code channel}, sent and flushed. */
    private static void produce(KafkaProducer<String, String> producer, String channel, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            producer.send(new ProducerRecord<>(
                    "switchboard.events", channel, "{\"channel\":\"" + channel + "\",\"data\":{\"seq\":" + seq + "}}"));
        }
        producer.flush();
    }
}
