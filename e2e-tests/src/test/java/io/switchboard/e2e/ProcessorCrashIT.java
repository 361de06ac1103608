package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is a separate process killed with SIGKILL in the middle of a stream: its open transaction is never
 * committed, a replacement takes over from the last commit, and a subscriber still sees every event exactly once
 * and in order (exactly_once_v2 inside Kafka, read_committed gateways).
 */
class ProcessorCrashIT {
    private static final int EVENTS = 1500;
    private static final int KILL_AFTER = 500;
    private static final int IN_FLIGHT = 100;

    @TempDir
    Path dir;

    @Test
    void aSubscriberSeesEveryEventOnceInOrderAcrossAProcessorKill() throws Exception {
        String applicationId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Files.createDirectories(dir.resolve("state"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            String bootstrap = broker.bootstrapServers();
            ChildJvm first = ChildJvm.start(
                            ProcessorMain.class,
                            dir.resolve("processor-1.log"),
                            bootstrap,
                            applicationId,
                            stateDir.toString())
                    .awaitReady();
            try (ChildJvm ignored = first;
                    SwitchboardGateway gateway = SwitchboardGateway.start(
                            GatewayConfig.forTests(bootstrap).withJwtSecret(SwitchboardCluster.JWT_SECRET));
                    TestClient client =
                            TestClient.connect(gateway.port(), SwitchboardCluster.token("reader", "viewer"))) {
                String thread = "forum_threads:" + UUID.randomUUID();
                client.subscribe(thread);

                try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                    // the first part goes through while the processor runs; the next 100 are in flight when it dies
                    produce(producer, thread, 0, KILL_AFTER);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> client.messages(thread).size() >= KILL_AFTER);
                    produce(producer, thread, KILL_AFTER, KILL_AFTER + IN_FLIGHT);
                    first.kill();
                    produce(producer, thread, KILL_AFTER + IN_FLIGHT, EVENTS);
                }
                try (ChildJvm second = ChildJvm.start(
                                ProcessorMain.class,
                                dir.resolve("processor-2.log"),
                                bootstrap,
                                applicationId,
                                stateDir.toString())
                        .awaitReady()) {
                    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(client.messages(thread))
                            .hasSizeGreaterThanOrEqualTo(EVENTS));
                    assertThat(client.messages(thread))
                            .extracting(m -> m.path("data").path("seq").asInt())
                            .containsExactlyElementsOf(
                                    IntStream.range(0, EVENTS).boxed().toList());
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", "0", "enable.idempotence", "true"),
                new StringSerializer(),
                new StringSerializer());
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
