package io.switchboard.processor.observability;

import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.HealthChecks;
import io.switchboard.observability.http.ObservabilityEndpoints;
import io.switchboard.observability.http.ObservabilityServer;
import io.switchboard.observability.kafka.KafkaHealth;
import io.switchboard.observability.kafka.KafkaMeters;
import io.switchboard.observability.kafka.KafkaStreamsObservability;
import io.switchboard.processor.config.HttpEndpoint;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's metrics and health, served over HTTP at {@link ProcessorKeys#HTTP_HOST}:{@link
 * ProcessorKeys#HTTP_PORT}:
 *
 * <ul>
 *   <li>{@code GET /metrics}: JVM and process meters, the Kafka Streams metrics of every app ({@code
 *       kafka_stream_*}; the events and read-back apps' carry client ids that start with {@code <application
 *       id>-events} and {@code <application id>-readback}) with
 *       those of their internal clients ({@code kafka_consumer_*}, {@code kafka_producer_*}, {@code kafka_admin_client_*}), and
 *       the processor's own counters, which live among Streams' metrics ({@code
 *       kafka_stream_switchboard_<operation>_total{switchboard_id="<entity>"}}, e.g. {@code
 *       kafka_stream_switchboard_delivered_total{switchboard_id="events"}});
 *   <li>{@code GET /health/live}: 503 once any app is in {@code ERROR} or {@code PENDING_ERROR};
 *   <li>{@code GET /health/ready}: 200 while every app is {@code RUNNING} and brokers answer their clients.
 * </ul>
 *
 * Bind it to the Streams apps before starting them, so the start-up (restores, rebalances) can be watched, and close
 * it after closing them: {@link #unbindStreams()} first, then {@code streams.close()}, then {@link #close()}.
 */
public final class ProcessorObservability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorObservability.class);
    /** The application tag of every processor meter. */
    static final String APPLICATION = "processor";
    /** How long brokers may stay silent to the Streams clients (which fetch every 500 ms) before not-ready. */
    static final Duration KAFKA_GRACE = Duration.ofSeconds(10);

    private final ServiceMetrics metrics;
    private final KafkaMeters kafkaMeters;
    private final List<KafkaMeters.Binding> streamsBindings;
    private final ObservabilityServer server;

    private ProcessorObservability(
            ServiceMetrics metrics,
            KafkaMeters kafkaMeters,
            List<KafkaMeters.Binding> streamsBindings,
            ObservabilityServer server) {
        this.metrics = metrics;
        this.kafkaMeters = kafkaMeters;
        this.streamsBindings = List.copyOf(streamsBindings);
        this.server = server;
    }

    /**
     * Binds the meters and checks of {@code apps} (created, not necessarily started) and starts the HTTP server,
     * unless the port is {@value HttpEndpoint#DISABLED}.
     *
     * @param meterRefresh how often new Streams metrics (those of tasks and processors created later) are picked up
     * @throws IllegalStateException naming {@link ProcessorKeys#HTTP_PORT} when the address cannot be bound
     */
    public static ProcessorObservability start(ProcessorConfig config, List<StreamsApp> apps, Duration meterRefresh) {
        ServiceMetrics metrics = ServiceMetrics.create(APPLICATION, instanceId(config));
        KafkaMeters kafkaMeters = new KafkaMeters(metrics.registry(), meterRefresh);
        try {
            List<KafkaMeters.Binding> bindings = new ArrayList<>();
            for (StreamsApp app : apps) {
                bindings.add(KafkaStreamsObservability.bind(kafkaMeters, app.streams()));
            }
            // one check of the brokers for every app: they talk to the same cluster
            HealthChecks health = new HealthChecks()
                    .liveness("streams-not-failed", StreamsHealth.alive(apps))
                    .readiness("streams-running", StreamsHealth.running(apps))
                    .readiness("kafka", KafkaHealth.responding(() -> allMetrics(apps), KAFKA_GRACE));
            ObservabilityServer server = serve(config.http(), new ObservabilityEndpoints(metrics.registry(), health));
            return new ProcessorObservability(metrics, kafkaMeters, bindings, server);
        } catch (RuntimeException e) {
            kafkaMeters.close(); // with the binding
            metrics.close();
            throw e;
        }
    }

    private static Map<MetricName, Metric> allMetrics(List<StreamsApp> apps) {
        Map<MetricName, Metric> all = new HashMap<>();
        apps.forEach(app -> all.putAll(app.streams().metrics()));
        return all;
    }

    private static ObservabilityServer serve(HttpEndpoint http, ObservabilityEndpoints endpoints) {
        if (!http.enabled()) {
            LOG.info("no metrics or health endpoints ({}={})", ProcessorKeys.HTTP_PORT, HttpEndpoint.DISABLED);
            return null;
        }
        try {
            return ObservabilityServer.start(http.host(), http.port(), endpoints);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    ProcessorKeys.HTTP_PORT + ": cannot serve the metrics and health endpoints on " + http.host() + ":"
                            + http.port() + " (" + e.getMessage() + "); is the port in use?",
                    e);
        }
    }

    /** The instance tag: the host name and the application id, so two processors on one host read apart. */
    private static String instanceId(ProcessorConfig config) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + config.applicationId();
    }

    /** The bound port (the OS's choice for port 0); empty when the endpoints are disabled. */
    public OptionalInt port() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    /** Removes the Streams meters; call before closing the Streams apps. A second call does nothing. */
    public void unbindStreams() {
        streamsBindings.forEach(KafkaMeters.Binding::close);
    }

    /** Stops the HTTP server and closes the registry (and the Streams binding, if still bound). */
    @Override
    public void close() {
        unbindStreams();
        if (server != null) {
            server.close();
        }
        kafkaMeters.close();
        metrics.close();
    }
}
