/**
 * The processor's front door: {@link io.switchboard.processor.SwitchboardProcessor} creates the topics, seeds the
 * policy, builds the topology and runs Kafka Streams with its HTTP endpoints. It sits on top: no other package of the
 * processor depends on it (ArchitectureTest).
 */
package io.switchboard.processor;
