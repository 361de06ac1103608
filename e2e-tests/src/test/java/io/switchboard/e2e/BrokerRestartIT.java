package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
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
 * The broker is a separate process killed with SIGKILL and started again on the same ports and log: the processor
 * and the gateway reconnect by themselves, and a subscriber sees every event once, in order, across the outage.
 */
class BrokerRestartIT {
    private static final int EVENTS = 200;

    @TempDir
    Path dir;

    @Test
    void aSubscriberSeesEveryEventOnceInOrderAcrossABrokerRestart() throws Exception {
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        Path data = Files.createDirectories(dir.resolve("kafka"));
        String bootstrap = "localhost:" + port;
        ChildJvm broker = startBroker(port, controllerPort, data, "broker-1.log");
        try (SwitchboardProcessor processor = SwitchboardProcessor.start(ProcessorConfig.forTests(bootstrap));
                SwitchboardGateway gateway =
                        SwitchboardGateway.start(SwitchboardCluster.gatewayConfig(bootstrap, Map.of()));
                TestClient client = TestClient.connect(gateway.port(), SwitchboardCluster.token("reader", "viewer"));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "linger.ms", "0", "enable.idempotence", "true"),
                        new StringSerializer(),
                        new StringSerializer())) {
            String thread = "forum_threads:" + UUID.randomUUID();
            client.subscribe(thread);
            produce(producer, thread, 0, EVENTS / 2);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(client.messages(thread)).hasSize(EVENTS / 2));

            broker.kill();
            broker = startBroker(port, controllerPort, data, "broker-2.log");
            produce(producer, thread, EVENTS / 2, EVENTS);

            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(client.messages(thread)).hasSizeGreaterThanOrEqualTo(EVENTS));
            assertThat(client.messages(thread))
                    .extracting(m -> m.path("data").path("seq").asInt())
                    .containsExactlyElementsOf(
                            IntStream.range(0, EVENTS).boxed().toList());
            assertThat(client.isClosed()).isFalse();
        } finally {
            broker.close();
        }
    }

    private ChildJvm startBroker(int port, int controllerPort, Path data, String log) {
        return ChildJvm.start(
                        BrokerMain.class,
                        dir.resolve(log),
                        Integer.toString(port),
                        Integer.toString(controllerPort),
                        data.toString())
                .awaitReady();
    }

    private static void produce(KafkaProducer<String, String> producer, String channel, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            producer.send(new ProducerRecord<>(
                    "switchboard.events", channel, "{\"channel\":\"" + channel + "\",\"data\":{\"seq\":" + seq + "}}"));
        }
        producer.flush();
    }
}
