package io.switchboard.observability.health;

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
 */
public final class HealthChecks {
    private final Map<String, Boolean> names = new ConcurrentHashMap<>();
    private final List<Named> liveness = new CopyOnWriteArrayList<>();
    private final List<Named> readiness = new CopyOnWriteArrayList<>();

    private record Named(String name, HealthCheck check) {}

    /**
     * Adds a liveness check.
     *
     * @throws IllegalArgumentException when the name is blank or already taken (by either kind)
     */
    public HealthChecks liveness(String name, HealthCheck check) {
        liveness.add(named(name, check));
        return this;
    }

    /**
     * Adds a readiness check, e.g. {@code readiness("kafka", KafkaHealth.connected(...))}.
     *
     * @throws IllegalArgumentException when the name is blank or already taken (by either kind)
     */
    public HealthChecks readiness(String name, HealthCheck check) {
        readiness.add(named(name, check));
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

    private Named named(String name, HealthCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a name");
        }
        if (names.putIfAbsent(name, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("a health check named '" + name + "' exists already");
        }
        return new Named(name, check);
    }

    private static HealthReport evaluate(List<Named> checks) {
        List<HealthReport.Outcome> outcomes = new ArrayList<>(checks.size());
        for (Named named : checks) {
            outcomes.add(new HealthReport.Outcome(named.name(), run(named.check())));
        }
        return new HealthReport(outcomes);
    }

    private static Health run(HealthCheck check) {
        try {
            Health health = check.check();
            return health != null ? health : Health.down("the check gave no answer");
        } catch (RuntimeException e) {
            return Health.down("the check failed: " + e);
        }
    }
}
