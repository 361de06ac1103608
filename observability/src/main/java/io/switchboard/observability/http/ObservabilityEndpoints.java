package io.switchboard.observability.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.observability.health.HealthChecks;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;

/**
 * The three operator endpoints of a deployable, ready to mount on an Undertow server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text (or OpenMetrics, by {@code Accept}), see {@link MetricsHandler};
 *   <li>{@code GET /health/live}: 200 while the process serves (and its liveness checks pass), else 503;
 *   <li>{@code GET /health/ready}: 200 when every readiness check passes, else 503 naming the failing checks.
 * </ul>
 *
 * Other methods get 405. A server of its own: {@code paths = endpoints.addTo(Handlers.path().addExactPath("/ws",
 * upgrade))}; without one, {@link ObservabilityServer#start}. Every health check, present and future, is also
 * published in {@code registry} as {@code switchboard_health_check} ({@link HealthChecks#publishTo}).
 */
public final class ObservabilityEndpoints {
    public static final String METRICS_PATH = "/metrics";
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";

    private final MetricsHandler metrics;
    private final HealthHandler live;
    private final HealthHandler ready;

    public ObservabilityEndpoints(PrometheusMeterRegistry registry, HealthChecks health) {
        this.metrics = new MetricsHandler(registry);
        health.publishTo(registry);
        this.live = HealthHandler.live(health);
        this.ready = HealthHandler.ready(health);
    }

    /** Adds the three exact paths to {@code paths} and returns it. */
    public PathHandler addTo(PathHandler paths) {
        return paths.addExactPath(METRICS_PATH, metrics)
                .addExactPath(LIVE_PATH, live)
                .addExactPath(READY_PATH, ready);
    }

    /** A handler serving the three paths only (404 elsewhere). */
    public HttpHandler handler() {
        return addTo(Handlers.path());
    }
}
