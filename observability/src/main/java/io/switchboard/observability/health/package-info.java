/**
 * Named liveness and readiness checks and their reports, also exposed as gauges. Plain Java and Micrometer: a check
 * answers from state its deployable already holds and must not do I/O.
 */
package io.switchboard.observability.health;
