/**
 * The processor's {@code /metrics} and {@code /health/*} endpoints and its health checks on its two Kafka Streams
 * apps, built on the {@code observability} module. Must not depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.observability;
