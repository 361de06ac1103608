/**
 * The harness's coordinator: options, placement of processes on cores, starting the broker, the servers (through the
 * {@code switchboard} script), the producer and the loaders, each run and its report, and ending every process it
 * started by its PID. Must not depend on the servers' code.
 */
package io.switchboard.load.coordinator;
