package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.kafka.ConnectionsSummaries;
import io.switchboard.gateway.kafka.ConnectionsSummaryPublisher;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.metrics.ConnectionsSummary;
import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.server.Admission;
import io.switchboard.gateway.server.ConnectionServices;
import io.switchboard.gateway.server.Outbound;
import io.switchboard.gateway.server.WebSocketServer;
import io.switchboard.gateway.server.WriteHook;
import io.switchboard.gateway.session.OutboundBacklog;
import io.switchboard.gateway.session.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Teardown teardown;
    private final ConnectionsSummaries summaries;

    private final AtomicBoolean closed = new AtomicBoolean();

    private SwitchboardGateway(
            GatewayConfig config, WebSocketServer server, Teardown teardown, ConnectionsSummaries summaries) {
        this.config = config;
        this.server = server;
        this.teardown = teardown;
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
        Clock clock = Clock.systemUTC();
        Access access = Access.of(config.auth(), clock); // fails fast, before Kafka is contacted
        Teardown teardown = new Teardown();
        try {
            Telemetry telemetry = Telemetry.start(config.gatewayId(), teardown);
            SessionRegistry sessions = new SessionRegistry();
            OutboundBacklog backlog = new OutboundBacklog();
            Backbone backbone = Backbone.start(config, clock, sessions, backlog, telemetry, teardown);
            WebSocketServer server = new WebSocketServer(
                    config,
                    new Admission(access.authenticator(), access.origins(), backbone.resumes()),
                    new ConnectionServices(
                            sessions, handler(config, clock, access, backbone, telemetry), clock, telemetry.gateway()),
                    backbone.reachability()::reachable,
                    telemetry.endpoints(),
                    new Outbound(backlog, writeHook));
            telemetry.health().readiness("accepting", server.notDraining()).readiness("kafka", backbone.reachability());
            ConnectionsSummaries summaries = teardown.track(
                    summaries(config, clock, telemetry)); // closed first: its last summary says "stopped"
            backbone.lease().start(); // before any connection exists, so the processor can purge every one of them
            server.start();
            summaries.start();
            return listening(new SwitchboardGateway(config, server, teardown, summaries));
        } catch (RuntimeException e) {
            teardown.abort();
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
        teardown.drainWithin(grace);
        LOG.info("stopping gateway {}: draining for at most {} ms", config.gatewayId(), grace.toMillis());
        summaries.draining(); // admins see the gateway leave rather than fall silent
        Duration delay = config.operations().drainDelay();
        if (!server.drain(delay, grace.minus(delay).multipliedBy(3).dividedBy(4))) {
            LOG.warn("drain-incomplete: connections still open, dropping them");
        }
        // reverse start order: reply consumer, delivery consumer, the producer (flushes), the lease, the meters
        teardown.closeAll();
        server.close();
        LOG.info("gateway {} stopped", config.gatewayId());
    }

    private static ClientFrameHandler handler(
            GatewayConfig config, Clock clock, Access access, Backbone backbone, Telemetry telemetry) {
        return new ClientFrameHandler(
                backbone.outbox(),
                backbone.deliveries(),
                access.verifier(),
                clock,
                config.operations().heartbeat().interval(),
                new MessageLimits(config.limits(), Ticker.systemTicker()),
                telemetry.gateway());
    }

    /** Summaries of this gateway's connections to the events topic, ready while its health is. */
    private static ConnectionsSummaries summaries(GatewayConfig config, Clock clock, Telemetry telemetry) {
        return ConnectionsSummaryPublisher.create(
                config.kafka(),
                new ConnectionsSummary(telemetry.service().registry(), config.gatewayId(), clock, clock.instant()),
                config.operations().connectionsSummaryInterval(),
                () -> telemetry.health().ready().up(),
                telemetry.gateway());
    }

    private static SwitchboardGateway listening(SwitchboardGateway gateway) {
        LOG.info(
                "gateway {} listening on ws://{}:{}{}",
                gateway.gatewayId(),
                gateway.config.host(),
                gateway.port(),
                WebSocketServer.PATH);
        return gateway;
    }
}
