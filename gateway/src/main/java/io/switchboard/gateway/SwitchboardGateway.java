package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.HandshakeAuthenticator;
import io.switchboard.gateway.auth.OriginPolicy;
import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.OperationsConfig;
import io.switchboard.gateway.kafka.ActionProducer;
import io.switchboard.gateway.kafka.ConnectionsSummaryPublisher;
import io.switchboard.gateway.kafka.DeliveryConsumer;
import io.switchboard.gateway.kafka.GatewayLeaseWriter;
import io.switchboard.gateway.kafka.KafkaReachability;
import io.switchboard.gateway.kafka.ReplyConsumer;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.metrics.ConnectionsSummary;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.routing.ClientActions;
import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.routing.PendingResumes;
import io.switchboard.gateway.routing.ReplyRouter;
import io.switchboard.gateway.server.Outbound;
import io.switchboard.gateway.server.WebSocketServer;
import io.switchboard.gateway.server.WriteHook;
import io.switchboard.gateway.session.OutboundBacklog;
import io.switchboard.gateway.session.SessionRegistry;
import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.HealthChecks;
import io.switchboard.observability.http.ObservabilityEndpoints;
import io.switchboard.observability.kafka.KafkaMeters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard gateway: the WebSocket endpoint {@code ws://<host>:<port>/ws} speaking PROTOCOL.md, wired
 * to Kafka (client actions out, processor replies and output topics in), with {@code /metrics}, {@code /health/live}
 * and {@code /health/ready} on the same port. Start one with {@link #start}, stop it with {@link #close}.
 */
public final class SwitchboardGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardGateway.class);

    private final GatewayConfig config;
    private final WebSocketServer server;
    private final List<AutoCloseable> resources;
    /** When the drain must be over ({@link System#nanoTime()}); set when {@link #close} starts. */
    private final AtomicLong drainDeadline;
    /** Null when summaries are off. */
    private final ConnectionsSummaryPublisher summaries;

    private final AtomicBoolean closed = new AtomicBoolean();

    private SwitchboardGateway(
            GatewayConfig config,
            WebSocketServer server,
            List<AutoCloseable> resources,
            AtomicLong drainDeadline,
            ConnectionsSummaryPublisher summaries) {
        this.config = config;
        this.server = server;
        this.resources = resources;
        this.drainDeadline = drainDeadline;
        this.summaries = summaries;
    }

    /**
     * Connects to Kafka (the replies topic must exist: the processor creates it), binds the server, and returns once
     * it accepts connections, having written its lease first (waiting at most 5 s for Kafka to acknowledge it; the start
     * goes on without). Heartbeats, outage bounds, the drain grace and the lease come from {@link
     * GatewayConfig#operations()}.
     *
     * @throws io.switchboard.config.ConfigException naming the key when the authentication settings cannot be used
     *     (checked first, before Kafka is contacted; key files are read here)
     * @throws IllegalStateException when the replies topic does not exist (after waiting up to 5 s for it)
     * @throws RuntimeException when Kafka cannot be reached or the port cannot be bound
     */
    public static SwitchboardGateway start(GatewayConfig config) {
        return start(config, WriteHook.NONE);
    }

    /**
     * {@link #start(GatewayConfig)} with a hook run on the I/O thread before each batch a connection writes: tests make
     * the delivery path slow with it, as an overloaded gateway's is.
     */
    public static SwitchboardGateway start(GatewayConfig config, WriteHook writeHook) {
        LOG.info("starting gateway {} with {}", config.gatewayId(), config);
        OperationsConfig operations = config.operations();
        Clock clock = Clock.systemUTC();
        config.auth().validate();
        TokenVerifier verifier = TokenVerifier.forConfig(config.auth().jwt(), clock);
        OriginPolicy origins = OriginPolicy.of(config.auth().allowedOrigins());
        Authenticator authenticator =
                new HandshakeAuthenticator(verifier, config.auth().anonymousAllowed());
        List<AutoCloseable> started = new ArrayList<>();
        AtomicLong drainDeadline = new AtomicLong();
        try {
            ServiceMetrics serviceMetrics = track(started, ServiceMetrics.create("gateway", config.gatewayId()));
            GatewayMetrics metrics = new GatewayMetrics(serviceMetrics.registry());
            KafkaMeters kafkaMeters = track(started, new KafkaMeters(serviceMetrics.registry()));
            KafkaReachability kafka = new KafkaReachability();
            SessionRegistry sessions = new SessionRegistry();
            // tracked before the actions producer, so closed after it: the tombstone follows the drained Disconnects
            GatewayLeaseWriter lease =
                    GatewayLeaseWriter.create(config.kafka(), config.gatewayId(), operations.lease(), clock, metrics);
            if (lease != null) {
                track(started, lease);
            }
            ActionProducer actions =
                    new ActionProducer(config.kafka(), config.gatewayId(), operations.outage(), kafka, metrics);
            // closed within what is left of the drain, flushing the disconnects of the drained connections
            track(started, () -> actions.close(remaining(drainDeadline)));
            track(started, actions.bindMeters(kafkaMeters));
            OutboundBacklog backlog = new OutboundBacklog();
            DeliveryConsumer deliveries = track(
                    started,
                    new DeliveryConsumer(
                            config.kafka(),
                            config.gatewayId(),
                            metrics,
                            backlog,
                            config.outbound().maxBacklogBytes(),
                            config.outbound().batchWait()));
            track(started, deliveries.bindMeters(kafkaMeters));
            ClientActions clientActions = new ClientActions(config.gatewayId(), clock);
            PendingResumes resumes = new PendingResumes(
                    clientActions,
                    actions,
                    resumeTimer(started),
                    config.resumeTimeout(),
                    config.auth().anonymousAllowed(),
                    clock,
                    config.auth().jwt().clockSkew());
            ReplyRouter router = new ReplyRouter(sessions, deliveries, resumes);
            ReplyConsumer replies = track(
                    started,
                    new ReplyConsumer(
                            config.kafka(),
                            config.gatewayId(),
                            router::route,
                            operations.outage().silenceGrace(),
                            kafka));
            track(started, replies.bindMeters(kafkaMeters));
            replies.start();
            deliveries.start();
            Duration heartbeat = operations.heartbeat().interval();
            ClientFrameHandler handler = new ClientFrameHandler(
                    clientActions,
                    actions,
                    deliveries,
                    verifier,
                    clock,
                    heartbeat,
                    new MessageLimits(config.limits(), Ticker.systemTicker()),
                    metrics);
            HealthChecks health = new HealthChecks();
            WebSocketServer server = new WebSocketServer(
                    config,
                    operations.heartbeat(),
                    authenticator,
                    origins,
                    sessions,
                    handler,
                    resumes,
                    clock,
                    metrics,
                    kafka::reachable,
                    new ObservabilityEndpoints(serviceMetrics.registry(), health),
                    new Outbound(backlog, writeHook));
            health.readiness("accepting", server.notDraining()).readiness("kafka", kafka);
            ConnectionsSummaryPublisher summaries = ConnectionsSummaryPublisher.create(
                    config.kafka(),
                    config.gatewayId(),
                    new ConnectionsSummary(serviceMetrics.registry(), config.gatewayId(), clock, clock.instant()),
                    operations.connectionsSummaryInterval(),
                    () -> health.ready().up(),
                    metrics);
            if (summaries != null) {
                track(started, summaries); // closed first: its last summary says "stopped"
            }
            if (lease != null) {
                lease.start(); // before any connection exists, so the processor can purge every one of them
            }
            server.start();
            if (summaries != null) {
                summaries.start();
            }
            SwitchboardGateway gateway =
                    new SwitchboardGateway(config, server, List.copyOf(started), drainDeadline, summaries);
            LOG.info(
                    "gateway {} listening on ws://{}:{}{}",
                    config.gatewayId(),
                    config.host(),
                    gateway.port(),
                    WebSocketServer.PATH);
            return gateway;
        } catch (RuntimeException e) {
            drainDeadline.set(System.nanoTime());
            closeAll(started);
            throw e;
        }
    }

    /** The bound port (the OS's choice when the configured port is 0). */
    public int port() {
        return server.port();
    }

    public String gatewayId() {
        return config.gatewayId();
    }

    /**
     * Stops gracefully within the drain grace period ({@code gateway.drain.grace-ms}): readiness turns down and new
     * upgrades get 503, every connection is closed with 1001 (waiting up to the close timeout, and at most three
     * quarters of the grace), then Kafka reading stops and the producer is flushed and closed with what is left, so
     * the disconnects of the drained connections are written; then the lease is withdrawn (a tombstone: nothing to
     * purge). Whatever is still open at the end is dropped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Duration grace = config.operations().drainGrace();
        drainDeadline.set(System.nanoTime() + grace.toNanos());
        LOG.info("stopping gateway {}: draining for at most {} ms", config.gatewayId(), grace.toMillis());
        if (summaries != null) {
            summaries.draining(); // admins see the gateway leave rather than fall silent
        }
        Duration delay = config.operations().drainDelay();
        if (!server.drain(delay, grace.minus(delay).multipliedBy(3).dividedBy(4))) {
            LOG.warn("drain-incomplete: connections still open, dropping them");
        }
        // reverse start order: reply consumer, delivery consumer, the producer (flushes), the lease, the meters
        closeAll(resources);
        server.close();
        LOG.info("gateway {} stopped", config.gatewayId());
    }

    /** What is left until the drain's deadline; nothing before it was set. */
    private static Duration remaining(AtomicLong deadline) {
        return Duration.ofNanos(Math.max(0, deadline.get() - System.nanoTime()));
    }

    /** One daemon thread for the timeouts of every waiting resume; stopped with the gateway. */
    private static PendingResumes.Timer resumeTimer(List<AutoCloseable> started) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gateway-resume-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        started.add(timer::shutdownNow);
        return (delay, task) -> {
            ScheduledFuture<?> scheduled = timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        };
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T resource) {
        started.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("close-failed: {}", resources.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
