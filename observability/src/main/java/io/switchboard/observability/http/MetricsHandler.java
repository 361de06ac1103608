package io.switchboard.observability.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code GET /metrics}: every meter of the registry, as OpenMetrics text when the scraper's {@code Accept} names
 * {@code application/openmetrics-text} (what Prometheus asks for first), else in the Prometheus text format 0.0.4.
 * The scrape runs on a worker thread, never on the I/O thread.
 */
public final class MetricsHandler implements HttpHandler {
    /** The content type of OpenMetrics text 1.0.0. */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The content type of the Prometheus text format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (GetOnly.refused(exchange)) {
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        String contentType = contentType(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
        ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
        // the registry chooses its writer from this value by the same rule, so the body matches the content type
        registry.scrape(body, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body.toByteArray()));
    }

    /** OpenMetrics when the client accepts it; the Prometheus text format otherwise. */
    static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }
}
