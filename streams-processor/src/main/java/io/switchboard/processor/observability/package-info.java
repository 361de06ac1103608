/**
 * The processor's {@code /metrics} and {@code /health/*} endpoints and its health checks on the Kafka Streams
 * instance, built on the {@code observability} module. Must not depend on the stages or the topology
 * (ArchitectureTest).
 */
package io.switchboard.processor.observability;
