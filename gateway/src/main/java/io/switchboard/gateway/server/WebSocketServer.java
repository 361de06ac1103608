package io.switchboard.gateway.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.limits.HandshakeLimits;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionRegistry;
import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import io.switchboard.observability.http.ObservabilityEndpoints;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.xnio.Options;

/**
 * The Undertow server: WebSocket endpoint {@code /ws} (RFC 6455 version 13, subprotocol {@code switchboard.v1}), and on
 * the same port the operator endpoints {@code /metrics}, {@code /health/live}, {@code /health/ready} and the browser
 * files ({@link StaticFiles}: the SDK under {@code /sdk/}, the console at {@code /}). Upgrades get 503 while the gateway
 * drains or while its backbone (Kafka) is unreachable.
 */
public final class WebSocketServer implements AutoCloseable {
    public static final String PATH = "/ws";
    static final String SUBPROTOCOL = "switchboard.v1";

    private final GatewayConfig config;
    private final SessionRegistry sessions;
    private final Undertow undertow;
    private final IoThreadLag ioLag = new IoThreadLag();
    private volatile boolean accepting = true;

    /**
     * @param backboneUp whether Kafka can take actions now; upgrades get 503 while it cannot
     * @param endpoints {@code /metrics} and the health endpoints, served on the WebSocket port
     * @param outbound the backlog every connection's queue adds to, and the hook run before each batch
     */
    public WebSocketServer(
            GatewayConfig config,
            Admission admission,
            ConnectionServices services,
            BooleanSupplier backboneUp,
            ObservabilityEndpoints endpoints,
            Outbound outbound) {
        this.config = config;
        this.sessions = services.sessions();
        services.metrics().bindBacklog(outbound.backlog()::bytes, ioLag::maxNanos);
        List<Handshake> handshakes = List.of(handshake(config));
        WebSocketProtocolHandshakeHandler upgrade = new WebSocketProtocolHandshakeHandler(
                handshakes, new ConnectionCallback(config, services, outbound, ioLag));
        BooleanSupplier open = () -> accepting && backboneUp.getAsBoolean();
        this.undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(ioThreads(config))
                .setSocketOption(Options.TCP_NODELAY, true)
                .setHandler(endpoints.addTo(StaticFiles.addTo(Handlers.path())
                        .addExactPath(
                                PATH,
                                new UpgradeHandler(
                                        admission,
                                        open,
                                        new HandshakeLimits(config.limits(), Ticker.systemTicker()),
                                        upgrade,
                                        services.metrics()))))
                .build();
    }

    /** {@link GatewayConfig#ioThreads()}, or one per core the JVM may use, at least two (as Undertow). */
    static int ioThreads(GatewayConfig config) {
        return config.ioThreads() == GatewayConfig.DEFAULT_IO_THREADS
                ? Math.max(Runtime.getRuntime().availableProcessors(), 2)
                : config.ioThreads();
    }

    /** The readiness check of the drain: down from the moment {@link #drain} starts. */
    public HealthCheck notDraining() {
        return () -> accepting ? Health.up("accepting connections") : Health.down("draining: shutting down");
    }

    /**
     * Version 13 with {@link #SUBPROTOCOL}; with permessage-deflate on, it also accepts that extension when a client
     * offers it (with context takeover both ways: one deflater and one inflater per such connection).
     */
    private static Handshake handshake(GatewayConfig config) {
        Hybi13Handshake handshake = new DirectHeaderHandshake(Set.of(SUBPROTOCOL));
        if (config.deflate().enabled()) {
            handshake.addExtension(
                    new PerMessageDeflateHandshake(false, config.deflate().level()));
        }
        return handshake;
    }

    /** Binds and starts listening; returns once connections are accepted. */
    public void start() {
        undertow.start();
    }

    /** The bound port (the OS's choice when the configured port is 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Stops accepting connections (readiness turns down, new upgrades get 503), waits {@code delay} for a load balancer
     * to see that, then closes every open connection with 1001, waiting until they are closed (each is closed hard
     * after the close timeout at the latest), or at most {@code timeout}. The listener itself is not suspended here:
     * Undertow's suspend closes every connection at once, upgraded ones included, without a close frame.
     *
     * @return whether every connection closed in time
     */
    public boolean drain(Duration delay, Duration timeout) {
        accepting = false;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop waiting, close now
            }
        }
        for (Session session : sessions.all()) {
            session.close(CloseReason.GOING_AWAY);
        }
        Duration closing = config.outbound().closeTimeout().plus(Duration.ofSeconds(1));
        return sessions.awaitEmpty(closing.compareTo(timeout) < 0 ? closing : timeout);
    }

    /** Stops the server; connections still open are dropped. */
    @Override
    public void close() {
        accepting = false;
        undertow.stop();
        ioLag.close();
    }
}
