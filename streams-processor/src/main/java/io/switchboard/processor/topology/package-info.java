/**
 * The processor's graphs, built in one class from configuration and serdes with no I/O ({@link
 * io.switchboard.processor.topology.SwitchboardTopology}: the events app's and the core app's), and the processors of
 * their global stores. The only package that uses Kafka Streams' graph API ({@code StreamsBuilder}, {@code Topology},
 * {@code kstream}); only the root package depends on it (ArchitectureTest).
 */
package io.switchboard.processor.topology;
