/**
 * The processor's own counters, registered in Kafka Streams' metrics. Depends on no other package of the processor
 * (ArchitectureTest).
 */
package io.switchboard.processor.metrics;
