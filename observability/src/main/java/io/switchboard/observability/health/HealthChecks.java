package io.switchboard.observability.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The named liveness and readiness checks of one deployable. Thread-safe: register checks at start-up (or later),
 * evaluate from any thread.
 *
 * <ul>
 *   <li>Liveness ({@code /health/live}): is the process able to serve at all? With no liveness check it is live for
 *       as long as it answers. A failing liveness check asks the orchestrator to restart the process: use them only
 *       for states the process cannot leave by itself.
 *   <li>Readiness ({@code /health/ready}): should traffic come here now? Down while a dependency (Kafka) is
 *       unreachable or while draining; the process recovers by itself and turns ready again.
 * </ul>
 *
 * <p>Once {@link #publishTo published}, every check is also a gauge, {@code switchboard_health_check{check=<name>,
 * probe="readiness"|"liveness"}}: 1 up, 0 down, evaluated at each scrape (without waiting for a check that hangs:
 * {@link CheckGauge}). Alert rules read readiness and Kafka
 * reachability from it, which the endpoints alone (HTTP status codes) cannot give Prometheus.
 */
public final class HealthChecks {
    /** The gauge of each check: 1 up, 0 down; tags {@code check} and {@code probe}. */
    public static final String CHECK_METER = "switchboard.health.check";

    private final Map<String, Boolean> names = new ConcurrentHashMap<>();
    private final List<Named> liveness = new CopyOnWriteArrayList<>();
    private final List<Named> readiness = new CopyOnWriteArrayList<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private record Named(String name, String probe, HealthCheck check) {}

    /**
     * Adds a liveness check.
     *
     * @throws IllegalArgumentException when the name is blank or already taken (by either kind)
     */
    public HealthChecks liveness(String name, HealthCheck check) {
        liveness.add(publish(named(name, "liveness", check)));
        return this;
    }

    /**
     * Adds a readiness check, e.g. {@code readiness("kafka", KafkaHealth.connected(...))}.
     *
     * @throws IllegalArgumentException when the name is blank or already taken (by either kind)
     */
    public HealthChecks readiness(String name, HealthCheck check) {
        readiness.add(publish(named(name, "readiness", check)));
        return this;
    }

    /** Runs every liveness check now. */
    public HealthReport live() {
        return evaluate(liveness);
    }

    /** Runs every readiness check now. */
    public HealthReport ready() {
        return evaluate(readiness);
    }

    /**
     * Publishes every check, those registered already and those registered later, as a {@value #CHECK_METER} gauge
     * in {@code registry}. Call once per registry.
     */
    public HealthChecks publishTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        liveness.forEach(named -> gauge(registry, named));
        readiness.forEach(named -> gauge(registry, named));
        return this;
    }

    private Named publish(Named named) {
        registries.forEach(registry -> gauge(registry, named));
        return named;
    }

    private static void gauge(MeterRegistry registry, Named named) {
        Gauge.builder(CHECK_METER, new CheckGauge(named.check()), CheckGauge::value)
                .description("1 while this health check passes, 0 while it fails")
                .tags("check", named.name(), "probe", named.probe())
                .strongReference(true) // the check lives as long as the registry, not only as long as this object
                .register(registry);
    }

    private Named named(String name, String probe, HealthCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a name");
        }
        if (names.putIfAbsent(name, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("a health check named '" + name + "' exists already");
        }
        return new Named(name, probe, check);
    }

    private static HealthReport evaluate(List<Named> checks) {
        List<HealthReport.Outcome> outcomes = new ArrayList<>(checks.size());
        for (Named named : checks) {
            outcomes.add(new HealthReport.Outcome(named.name(), run(named.check())));
        }
        return new HealthReport(outcomes);
    }

    static Health run(HealthCheck check) {
        try {
            Health health = check.check();
            return health != null ? health : Health.down("the check gave no answer");
        } catch (RuntimeException e) {
            return Health.down("the check failed: " + e);
        }
    }
}
