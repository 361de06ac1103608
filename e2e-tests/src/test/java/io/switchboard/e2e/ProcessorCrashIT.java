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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

                CountDownLatch halfway = new CountDownLatch(1);
                CompletableFuture<Void> producing =
                        CompletableFuture.runAsync(() -> produce(bootstrap, thread, halfway));
                assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
                first.kill();
                try (ChildJvm second = ChildJvm.start(
                                ProcessorMain.class,
                                dir.resolve("processor-2.log"),
                                bootstrap,
                                applicationId,
                                stateDir.toString())
                        .awaitReady()) {
                    producing.get(120, TimeUnit.SECONDS);

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

    /** Events 0..EVENTS-1 on {@code channel}, 2 ms apart so the kill lands mid-stream. */
    private static void produce(String bootstrap, String channel, CountDownLatch halfway) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", "0", "enable.idempotence", "true"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int seq = 0; seq < EVENTS; seq++) {
                producer.send(new ProducerRecord<>(
                        "switchboard.events",
                        channel,
                        "{\"channel\":\"" + channel + "\",\"data\":{\"seq\":" + seq + "}}"));
                if (seq == KILL_AFTER) {
                    producer.flush();
                    halfway.countDown();
                }
                pause();
            }
            producer.flush();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2); // paces the stream (about 3 s) so it spans the kill; not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
