package io.switchboard.observability.http;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for a deployable that has none of its own (the processor): serves {@link
 * ObservabilityEndpoints} on one port with one I/O thread and two worker threads (scrapes and checks run on the
 * workers).
 *
 * <pre>{@code
 * try (ObservabilityServer http = ObservabilityServer.start("0.0.0.0", 9464, endpoints)) {
 *     ...
 * }
 * }</pre>
 */
public final class ObservabilityServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);

    private final Undertow undertow;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ObservabilityServer(Undertow undertow) {
        this.undertow = undertow;
    }

    /**
     * Binds {@code host:port} (port 0: one the OS chooses, see {@link #port()}) and serves the endpoints.
     *
     * @throws RuntimeException when the port cannot be bound
     */
    public static ObservabilityServer start(String host, int port, ObservabilityEndpoints endpoints) {
        return start(host, port, endpoints.handler());
    }

    /** Binds {@code host:port} and serves {@code handler}. */
    public static ObservabilityServer start(String host, int port, HttpHandler handler) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0-65535: " + port);
        }
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setHandler(handler)
                .build();
        undertow.start();
        ObservabilityServer server = new ObservabilityServer(undertow);
        LOG.info("metrics and health on http://{}:{}{}", host, server.port(), ObservabilityEndpoints.METRICS_PATH);
        return server;
    }

    /** The bound port (the OS's choice when started with port 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Stops the server; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            undertow.stop();
        }
    }
}
