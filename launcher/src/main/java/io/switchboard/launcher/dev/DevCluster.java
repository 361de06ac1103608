package io.switchboard.launcher.dev;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.launcher.BoundedClose;
import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode in one JVM: a real embedded KRaft broker, the processor, a gateway and optionally the demo publisher,
 * started in that order and stopped in the reverse order, each within a time bound. {@link #close()} may be called
 * from another thread while {@link #start()} runs (Ctrl-C during start-up): starting then stops at the next step.
 *
 * <pre>{@code
 * try (DevCluster dev = DevCluster.start(DevConfig.from(settings))) {
 *     connect(dev.gatewayPort());
 * }
 * }</pre>
 */
public final class DevCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);
    private static final Duration START_ABORT_BOUND = Duration.ofSeconds(60);

    private final DevConfig config;
    /** What was started, last on top: closing pops. Guarded by itself. */
    private final Deque<Part> parts = new ArrayDeque<>();

    private volatile boolean closing;
    /** Open while {@link #start()} runs, so that a concurrent {@link #close()} waits for it to give up. */
    private volatile CountDownLatch starting = new CountDownLatch(0);

    private volatile EmbeddedKafkaBroker broker;
    private volatile SwitchboardGateway gateway;
    private volatile SwitchboardProcessor processor;

    private record Part(String name, AutoCloseable closeable, Duration bound) {}

    /** Thrown by {@link #start()} when {@link #close()} was called before start-up finished. */
    public static final class StoppedWhileStarting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedWhileStarting() {
            super("dev mode was stopped while starting");
        }
    }

    /** A cluster that has not started anything yet. */
    public DevCluster(DevConfig config) {
        this.config = config;
    }

    /** Creates and starts a cluster. */
    public static DevCluster start(DevConfig config) {
        DevCluster cluster = new DevCluster(config);
        cluster.start();
        return cluster;
    }

    /**
     * Starts everything; if one part fails, the ones already started are stopped and the failure is thrown.
     *
     * @throws StoppedWhileStarting when {@link #close()} was called meanwhile
     */
    public void start() {
        starting = new CountDownLatch(1);
        try {
            startParts();
        } catch (RuntimeException e) {
            closeParts();
            throw e;
        } finally {
            starting.countDown();
        }
    }

    private void startParts() {
        broker = started(
                "embedded Kafka",
                Duration.ofSeconds(30),
                EmbeddedKafkaBroker.builder()
                        .port(config.kafkaPort())
                        .dataDir(config.dataDir())
                        .start());
        ProcessorConfig processorConfig = config.stateDirConfigured()
                ? config.processor()
                : config.processorWithStateDir(broker.dataDir().resolve("streams"));
        // start() returns only once the processor is RUNNING, so the gateway never grants into a void.
        processor = started("processor", Duration.ofSeconds(40), SwitchboardProcessor.start(processorConfig));
        gateway = started(
                "gateway",
                config.gateway().operations().drainGrace().plusSeconds(5),
                SwitchboardGateway.start(config.gateway()));
        if (config.demo()) {
            started(
                    "demo publisher",
                    Duration.ofSeconds(10),
                    DemoPublisher.start(broker.bootstrapServers(), processorConfig.topics(), config.demoInterval()));
        }
    }

    /** Records a started part, or stops it at once when the cluster is closing. */
    private <T extends AutoCloseable> T started(String name, Duration bound, T part) {
        synchronized (parts) {
            if (!closing) {
                parts.push(new Part(name, part, bound));
                return part;
            }
        }
        BoundedClose.close(name, part, bound);
        throw new StoppedWhileStarting();
    }

    /** {@code localhost:<port>} of the embedded broker. */
    String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    /** The port of the processor's /metrics and /health endpoints; empty when processor.http.port is -1. */
    OptionalInt processorHttpPort() {
        return processor.httpPort();
    }

    /** The port the gateway listens on. */
    int gatewayPort() {
        return gateway.port();
    }

    String gatewayId() {
        return gateway.gatewayId();
    }

    /** Stops the demo publisher, the gateway, the processor, then the broker, each within its bound. */
    @Override
    public void close() {
        closing = true;
        try {
            if (!starting.await(START_ABORT_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Start-up did not stop within {} s; closing what started", START_ABORT_BOUND.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeParts();
    }

    private void closeParts() {
        while (true) {
            Part part;
            synchronized (parts) {
                part = parts.poll();
            }
            if (part == null) {
                return;
            }
            BoundedClose.close(part.name(), part.closeable(), part.bound());
        }
    }
}
