package io.switchboard.load.coordinator;

/**
 * The Kafka broker the harness started: one process for all runs, as a deployment's Kafka outlives its gateways and
 * processors, and warmed before the first run so that its own JIT compilation does not count against the servers.
 */
record Broker(String bootstrap, long pid) {}
