package io.switchboard.processor;

import io.switchboard.processor.acl.AclTopic;
import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.observability.ProcessorObservability;
import io.switchboard.processor.topology.SwitchboardTopology;
import io.switchboard.schemas.avro.AclRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard processor: the Kafka Streams application that validates and routes domain events to the
 * per-family output topics and answers client actions.
 *
 * <pre>{@code
 * try (SwitchboardProcessor processor = SwitchboardProcessor.start(ProcessorConfig.from(settings))) {
 *     ...
 * }
 * }</pre>
 */
public final class SwitchboardProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardProcessor.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How often /metrics picks up Streams metrics created after the start (per task, per processor). */
    private static final Duration METER_REFRESH = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final ProcessorObservability observability;

    private SwitchboardProcessor(KafkaStreams streams, ProcessorObservability observability) {
        this.streams = streams;
        this.observability = observability;
    }

    /**
     * Logs the effective configuration, creates the missing topics, seeds the default policy into an empty ACL
     * topic, serves the metrics and health endpoints ({@code processor.http.*}), starts Kafka Streams and returns
     * once it is {@code RUNNING}. The endpoints answer from before Streams starts: {@code /health/ready} is 503 until
     * then.
     *
     * @throws IllegalStateException when topics cannot be created or seeded, the HTTP port cannot be bound (naming
     *     {@code processor.http.port}), or Streams fails or is not running within 60 s (it is closed then)
     */
    public static SwitchboardProcessor start(ProcessorConfig config) {
        return start(config, METER_REFRESH);
    }

    /** {@link #start(ProcessorConfig)} with Streams metrics created later picked up every {@code meterRefresh}. */
    static SwitchboardProcessor start(ProcessorConfig config, Duration meterRefresh) {
        LOG.info("Starting the Switchboard processor with\n{}", config.describe());
        TopicCreator.createTopics(config);
        seedDefaultPolicy(config);
        KafkaStreams streams = new KafkaStreams(SwitchboardTopology.build(config), StreamsProperties.streams(config));
        ProcessorObservability observability;
        try {
            observability = ProcessorObservability.start(config, streams, meterRefresh);
        } catch (RuntimeException e) {
            streams.close(CLOSE_TIMEOUT);
            throw e;
        }
        try {
            startStreams(streams);
        } catch (RuntimeException e) {
            observability.unbindStreams();
            streams.close(CLOSE_TIMEOUT); // a second close (awaitRunning closes on failure) does nothing
            observability.close();
            throw e;
        }
        LOG.info("Processor running (application id {})", config.applicationId());
        return new SwitchboardProcessor(streams, observability);
    }

    private static void startStreams(KafkaStreams streams) {
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
        streams.setStateListener((now, before) -> {
            state.set(now);
            LOG.info("Processor state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING
                    || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.NOT_RUNNING) {
                settled.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("processor-failed: a stream thread died; shutting the processor down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        awaitRunning(streams, settled, state);
    }

    // Before Streams starts, so that the ACL store is loaded with the default policy on the first start.
    private static void seedDefaultPolicy(ProcessorConfig config) {
        try (AclTopic acl = new AclTopic(config.bootstrapServers(), config.kafkaProperties(), config.topics())) {
            acl.ensureTopic(config.replicationFactor()); // created by TopicCreator; waits until brokers know it
            SortedMap<String, AclRule> defaults = DefaultPolicy.rules(Instant.now());
            if (acl.seedIfEmpty(defaults)) {
                LOG.info("ACL: seeded the default policy ({} families)", defaults.size());
            } else {
                LOG.info("ACL: {} rules present", acl.readAll().size());
            }
        }
    }

    private static void awaitRunning(
            KafkaStreams streams, CountDownLatch settled, AtomicReference<KafkaStreams.State> state) {
        try {
            boolean done = settled.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (done && state.get() == KafkaStreams.State.RUNNING) {
                return;
            }
            streams.close(CLOSE_TIMEOUT);
            throw new IllegalStateException(
                    done
                            ? "the processor stopped while starting, in state " + state.get()
                            : "the processor was not running after " + START_TIMEOUT.toSeconds() + " s (state "
                                    + state.get() + ")");
        } catch (InterruptedException e) {
            streams.close(CLOSE_TIMEOUT);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the processor", e);
        }
    }

    /** The Kafka Streams state: {@code RUNNING}, {@code REBALANCING}, {@code ERROR}, ... */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Kafka Streams' own metrics (commit latency, dropped records, ...) and the processor's counters. */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    /**
     * The port of {@code /metrics}, {@code /health/live} and {@code /health/ready} (the OS's choice when {@code
     * processor.http.port} is 0); empty when it is -1.
     */
    public OptionalInt httpPort() {
        return observability.port();
    }

    /**
     * Stops processing, commits and closes Kafka Streams, waiting at most 30 s, then stops the HTTP endpoints (which
     * answer {@code /health/ready} with 503 meanwhile). It leaves the consumer group, so a restart or another
     * instance takes the partitions at once instead of after the session timeout.
     */
    @Override
    public void close() {
        LOG.info("Stopping the processor");
        // the Streams meters leave before Streams closes its metrics; the health checks keep answering
        observability.unbindStreams();
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        if (!streams.close(options)) {
            LOG.warn("processor-close-timeout: Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
        }
        observability.close();
    }
}
