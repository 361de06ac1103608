package io.switchboard.processor;

import io.switchboard.processor.acl.AclTopic;
import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.processor.admin.AppOffsetsUpgrade;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.observability.ProcessorObservability;
import io.switchboard.schemas.avro.AclRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard processor: three Kafka Streams applications, one that validates and routes domain events to
 * the per-family output topics (the events app, {@code <application id>-events}, at-least-once by default), one that
 * answers client actions (the core app, {@code <application id>}, exactly-once by default), and one that reads the
 * output topics back to confirm publishes (the read-back app, {@code <application id>-readback}, under the core app's
 * guarantee).
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

    private final ProcessorApps apps;
    private final ProcessorObservability observability;

    private SwitchboardProcessor(ProcessorApps apps, ProcessorObservability observability) {
        this.apps = apps;
        this.observability = observability;
    }

    /**
     * Logs the effective configuration, creates the missing topics, seeds the default policy into an empty ACL
     * topic, carries the positions of the events and read-back apps over from the core app of earlier versions (once),
     * serves the metrics and health endpoints ({@code processor.http.*}), starts the Kafka Streams apps and returns
     * once all are {@code RUNNING}. The endpoints answer from before Streams starts: {@code /health/ready} is 503 until then.
     *
     * @throws IllegalStateException when topics cannot be created or seeded, the offsets cannot be carried over, the
     *     HTTP port cannot be bound (naming {@code processor.http.port}), or any app fails or is not running within
     *     60 s (all are closed then)
     */
    public static SwitchboardProcessor start(ProcessorConfig config) {
        return start(config, METER_REFRESH);
    }

    /** {@link #start(ProcessorConfig)} with Streams metrics created later picked up every {@code meterRefresh}. */
    static SwitchboardProcessor start(ProcessorConfig config, Duration meterRefresh) {
        LOG.info("Starting the Switchboard processor with\n{}", config.describe());
        TopicCreator.createTopics(config);
        seedDefaultPolicy(config);
        AppOffsetsUpgrade.carryOver(config);
        ProcessorApps apps = ProcessorApps.create(config);
        ProcessorObservability observability;
        try {
            observability = ProcessorObservability.start(config, apps.all(), meterRefresh);
        } catch (RuntimeException e) {
            apps.close(CLOSE_TIMEOUT);
            throw e;
        }
        try {
            apps.start(START_TIMEOUT, CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            observability.unbindStreams();
            apps.close(CLOSE_TIMEOUT); // a second close (a failed start closes them) does nothing
            observability.close();
            throw e;
        }
        LOG.info("Processor running (application ids {} and {})", config.applicationId(), config.eventsApplicationId());
        return new SwitchboardProcessor(apps, observability);
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

    /**
     * The worst Kafka Streams state of the apps: {@code RUNNING} only while all are; {@code ERROR} once any failed;
     * {@code REBALANCING} while any rebalances, ...
     */
    KafkaStreams.State state() {
        return apps.state();
    }

    /** Each app's Kafka Streams state, by name: {@code core}, {@code events} and {@code readback}. */
    Map<String, KafkaStreams.State> states() {
        return apps.states();
    }

    /**
     * Kafka Streams' own metrics (commit latency, dropped records, ...) and the processor's counters, of every app;
     * those of the events and read-back apps carry client ids that start with {@code <application id>-events} and
     * {@code <application id>-readback}.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return apps.metrics();
    }

    /**
     * The port of {@code /metrics}, {@code /health/live} and {@code /health/ready} (the OS's choice when {@code
     * processor.http.port} is 0); empty when it is -1.
     */
    public OptionalInt httpPort() {
        return observability.port();
    }

    /**
     * Stops processing, commits and closes the events app, then the read-back app, then the core app, waiting at most
     * 30 s for each, then stops the HTTP endpoints (which answer {@code /health/ready} with 503 meanwhile). Each leaves its consumer
     * groups, so a restart or another instance takes the partitions at once instead of after the session timeout.
     */
    @Override
    public void close() {
        LOG.info("Stopping the processor");
        // the Streams meters leave before Streams closes its metrics; the health checks keep answering
        observability.unbindStreams();
        if (!apps.close(CLOSE_TIMEOUT)) {
            LOG.warn("processor-close-timeout: Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
        }
        observability.close();
    }
}
