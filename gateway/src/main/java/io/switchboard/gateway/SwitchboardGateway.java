package io.switchboard.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.HandshakeAuthenticator;
import io.switchboard.gateway.auth.OriginPolicy;
import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.kafka.ActionProducer;
import io.switchboard.gateway.kafka.DeliveryConsumer;
import io.switchboard.gateway.kafka.ReplyConsumer;
import io.switchboard.gateway.limits.MessageLimits;
import io.switchboard.gateway.routing.ClientActions;
import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.routing.PendingResumes;
import io.switchboard.gateway.routing.ReplyRouter;
import io.switchboard.gateway.server.WebSocketServer;
import io.switchboard.gateway.session.SessionRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard gateway: the WebSocket endpoint {@code ws://<host>:<port>/ws} speaking PROTOCOL.md, wired
 * to Kafka (client actions out, processor replies and output topics in). Start one with {@link #start}, stop it with
 * {@link #close}.
 */
public final class SwitchboardGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardGateway.class);

    private final GatewayConfig config;
    private final WebSocketServer server;
    private final List<AutoCloseable> kafkaClients;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SwitchboardGateway(GatewayConfig config, WebSocketServer server, List<AutoCloseable> kafkaClients) {
        this.config = config;
        this.server = server;
        this.kafkaClients = kafkaClients;
    }

    /**
     * Connects to Kafka (the replies topic must exist: the processor creates it), binds the server, and returns once
     * it accepts connections.
     *
     * @throws io.switchboard.config.ConfigException naming the key when the authentication settings cannot be used
     *     (checked first, before Kafka is contacted; key files are read here)
     * @throws IllegalStateException when the replies topic does not exist (after waiting up to 5 s for it)
     * @throws RuntimeException when Kafka cannot be reached or the port cannot be bound
     */
    public static SwitchboardGateway start(GatewayConfig config) {
        LOG.info("starting gateway {} with {}", config.gatewayId(), config);
        Clock clock = Clock.systemUTC();
        config.auth().validate();
        TokenVerifier verifier = TokenVerifier.forConfig(config.auth().jwt(), clock);
        OriginPolicy origins = OriginPolicy.of(config.auth().allowedOrigins());
        Authenticator authenticator =
                new HandshakeAuthenticator(verifier, config.auth().anonymousAllowed());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            SessionRegistry sessions = new SessionRegistry();
            ActionProducer actions = track(started, new ActionProducer(config.kafka(), config.gatewayId()));
            DeliveryConsumer deliveries = track(started, new DeliveryConsumer(config.kafka(), config.gatewayId()));
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
            ReplyConsumer replies =
                    track(started, new ReplyConsumer(config.kafka(), config.gatewayId(), router::route));
            replies.start();
            deliveries.start();
            ClientFrameHandler handler = new ClientFrameHandler(
                    clientActions,
                    actions,
                    deliveries,
                    verifier,
                    clock,
                    config.heartbeatInterval(),
                    new MessageLimits(config.limits(), Ticker.systemTicker()));
            WebSocketServer server =
                    new WebSocketServer(config, authenticator, origins, sessions, handler, resumes, clock);
            server.start();
            SwitchboardGateway gateway = new SwitchboardGateway(config, server, List.copyOf(started));
            LOG.info(
                    "gateway {} listening on ws://{}:{}{}",
                    config.gatewayId(),
                    config.host(),
                    gateway.port(),
                    WebSocketServer.PATH);
            return gateway;
        } catch (RuntimeException e) {
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
     * Stops gracefully: stops accepting, closes every connection with 1001 (waiting up to the close timeout), then
     * stops reading Kafka and flushes and closes the producer, so the disconnects of the drained connections are
     * written.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping gateway {}", config.gatewayId());
        server.drain();
        // reverse start order: reply consumer, delivery consumer, then the producer (flushes)
        closeAll(kafkaClients);
        server.close();
        LOG.info("gateway {} stopped", config.gatewayId());
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
