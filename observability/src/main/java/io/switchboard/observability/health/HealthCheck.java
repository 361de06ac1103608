package io.switchboard.observability.health;

/**
 * One named condition of a deployable's liveness or readiness, e.g. "kafka: connected to the cluster".
 *
 * <p>Contract: answer from state the deployable already holds (a volatile flag, a client's metric, a timestamp), in
 * microseconds, without I/O and without waiting. The endpoints run checks off the HTTP I/O thread all the same, and a
 * check that throws counts as down, with the exception as its detail.
 */
@FunctionalInterface
public interface HealthCheck {
    Health check();
}
