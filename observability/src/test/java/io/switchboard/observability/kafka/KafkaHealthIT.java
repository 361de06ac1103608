package io.switchboard.observability.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.observability.health.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness check follows the broker: down while it is away, up again once it is back, by itself. */
class KafkaHealthIT {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    @Test
    void turnsDownWhileTheBrokerIsAwayAndUpWhenItIsBack() throws Exception {
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        EmbeddedKafkaBroker broker = start(port, controllerPort);
        try (PollingConsumer consumer = new PollingConsumer(broker.bootstrapServers())) {
            KafkaHealth health = KafkaHealth.responding(consumer.consumer::metrics, GRACE);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(consumer.responses()).isPositive());
            assertThat(health.check().up()).isTrue();

            broker.close();
            AtomicReference<Health> down = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                down.set(health.check());
                return !down.get().up();
            });
            assertThat(down.get().detail()).startsWith("no response from Kafka for ");

            broker = start(port, controllerPort);
            await().atMost(Duration.ofSeconds(60)).until(() -> health.check().up());
        } finally {
            broker.close();
        }
    }

    private EmbeddedKafkaBroker start(int port, int controllerPort) {
        return EmbeddedKafkaBroker.builder()
                .port(port)
                .controllerPort(controllerPort)
                .dataDir(dataDir)
                .start();
    }

    /** A consumer assigned to a partition and polling on its own thread, as a gateway's reply consumer does. */
    private static final class PollingConsumer implements AutoCloseable {
        final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;

        PollingConsumer(String bootstrap) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                            500),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            // a partition of a topic that need not exist: the consumer keeps asking for it
            consumer.assign(List.of(new TopicPartition("health-probe", 0)));
            thread = new Thread(this::pollUntilWokenUp, "health-it-poller");
            thread.start();
        }

        private void pollUntilWokenUp() {
            try {
                while (true) {
                    consumer.poll(Duration.ofMillis(100));
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            }
        }

        double responses() {
            return consumer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("response-total")
                            && e.getKey().group().equals("consumer-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
        }

        @Override
        public void close() {
            consumer.wakeup();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
