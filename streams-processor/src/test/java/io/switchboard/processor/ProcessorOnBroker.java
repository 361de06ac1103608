package io.switchboard.processor;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the processor ITs share: a real embedded KRaft broker, one processor on it configured for tests, and a producer
 * standing in for the gateways and the domain services, all started before the class's tests and closed after them.
 * Register it with {@code @RegisterExtension static final ProcessorOnBroker PROCESSOR = new ProcessorOnBroker();}.
 */
final class ProcessorOnBroker implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings;
    private EmbeddedKafkaBroker broker;
    private ProcessorConfig config;
    private SwitchboardProcessor processor;
    private KafkaProducer<String, byte[]> producer;

    /** The processor with the test defaults of {@link ProcessorConfig#forTests(String)}. */
    ProcessorOnBroker() {
        this(Map.of());
    }

    /** @param settings keys the processor is started with, over the test defaults */
    ProcessorOnBroker(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.builder().start();
        config = ProcessorConfig.forTests(broker.bootstrapServers(), settings);
        processor = SwitchboardProcessor.start(config);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (processor != null) {
            processor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    ProcessorConfig config() {
        return config;
    }

    Topics topics() {
        return config.topics();
    }

    /** The running processor; a restart replaces it. */
    SwitchboardProcessor processor() {
        return processor;
    }

    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** Closes the processor and starts a new one on the same configuration and the same local state. */
    void restart() {
        processor.close();
        processor = SwitchboardProcessor.start(config);
    }

    /** Closes the processor, deletes its local state and starts a new one, which restores it from the changelogs. */
    void restartFromChangelogs() {
        processor.close();
        deleteContents(config.stateDir());
        processor = SwitchboardProcessor.start(config);
    }

    /** Writes {@code action} to switchboard.actions as a gateway does, keyed by its user, and flushes. */
    void send(ClientAction action) {
        send(
                topics().actions(),
                action.getUserId(),
                SwitchboardSerdes.clientAction().encode(action));
    }

    /** Writes a record and flushes. */
    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    private static void deleteContents(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
