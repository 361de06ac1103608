/**
 * The processor's whole graph, built in one class from configuration and serdes with no I/O ({@link
 * io.switchboard.processor.topology.SwitchboardTopology}), and the processors of its global stores. The only package
 * that uses Kafka Streams' graph API ({@code StreamsBuilder}, {@code Topology}, {@code kstream}); only the root
 * package depends on it (ArchitectureTest).
 */
package io.switchboard.processor.topology;
