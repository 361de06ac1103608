package io.switchboard.launcher.dev;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.launcher.BoundedClose;
import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode in one JVM: a real embedded KRaft broker, the processor, a gateway and optionally the demo publisher,
 * started in that order and stopped in the reverse order, each within a time bound.
 *
 * <pre>{@code
 * try (DevCluster dev = DevCluster.start(DevConfig.from(settings))) {
 *     connect(dev.gatewayPort());
 * }
 * }</pre>
 */
public final class DevCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);
    private static final Duration PROCESSOR_READY = Duration.ofSeconds(60);

    /** What was started, last on top: closing pops. */
    private final Deque<Part> parts = new ArrayDeque<>();

    private EmbeddedKafkaBroker broker;
    private SwitchboardGateway gateway;

    private record Part(String name, AutoCloseable closeable, Duration bound) {}

    private DevCluster() {}

    /** Starts everything; if one part fails, the ones already started are stopped and the failure is thrown. */
    public static DevCluster start(DevConfig config) {
        DevCluster cluster = new DevCluster();
        try {
            cluster.startParts(config);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startParts(DevConfig config) {
        broker = EmbeddedKafkaBroker.builder()
                .port(config.kafkaPort())
                .dataDir(config.dataDir())
                .start();
        parts.push(new Part("embedded Kafka", broker, Duration.ofSeconds(30)));
        ProcessorConfig processorConfig = config.stateDirConfigured()
                ? config.processor()
                : config.processor().withStateDir(broker.dataDir().resolve("streams"));
        SwitchboardProcessor processor = SwitchboardProcessor.start(processorConfig);
        parts.push(new Part("processor", processor, Duration.ofSeconds(30)));
        awaitRunning(processor);
        gateway = SwitchboardGateway.start(config.gateway());
        parts.push(new Part("gateway", gateway, Duration.ofSeconds(20)));
        if (config.demo()) {
            DemoPublisher demo =
                    DemoPublisher.start(broker.bootstrapServers(), processorConfig.topics(), config.demoInterval());
            parts.push(new Part("demo publisher", demo, Duration.ofSeconds(10)));
        }
    }

    /** Waits until the processor has its partitions, so that the first demo event is not left waiting. */
    private static void awaitRunning(SwitchboardProcessor processor) {
        long deadline = System.nanoTime() + PROCESSOR_READY.toNanos();
        while (processor.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = processor.state();
            if (state.isShuttingDown() || state.hasCompletedShutdown()) {
                throw new IllegalStateException("the processor stopped while starting: " + state);
            }
            if (System.nanoTime() > deadline) {
                LOG.warn(
                        "The processor is still {} after {} s; going on",
                        processor.state(),
                        PROCESSOR_READY.toSeconds());
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the processor was starting", e);
            }
        }
    }

    /** {@code localhost:<port>} of the embedded broker. */
    public String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    public int kafkaPort() {
        return broker.port();
    }

    /** The port the gateway listens on. */
    public int gatewayPort() {
        return gateway.port();
    }

    public String gatewayId() {
        return gateway.gatewayId();
    }

    /** Stops the demo publisher, the gateway, the processor, then the broker, each within its bound. */
    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            BoundedClose.close(part.name(), part.closeable(), part.bound());
        }
    }
}
