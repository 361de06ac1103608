package io.switchboard.observability.http;

import io.switchboard.observability.health.HealthChecks;
import io.switchboard.observability.health.HealthReport;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /health/live} and {@code GET /health/ready}: 200 when every check of the kind is up, else 503; the JSON
 * body lists each check with its status and detail, and names the failing ones ({@link HealthReport#toJson()}).
 * Checks run on a worker thread, never on the I/O thread.
 */
public final class HealthHandler implements HttpHandler {
    private final Supplier<HealthReport> report;

    private HealthHandler(Supplier<HealthReport> report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Answers with the liveness checks. */
    public static HealthHandler live(HealthChecks checks) {
        return new HealthHandler(checks::live);
    }

    /** Answers with the readiness checks. */
    public static HealthHandler ready(HealthChecks checks) {
        return new HealthHandler(checks::ready);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (GetOnly.refused(exchange)) {
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        HealthReport health = report.get();
        exchange.setStatusCode(health.up() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(health.toJson(), StandardCharsets.UTF_8);
    }
}
