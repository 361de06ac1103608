/**
 * The processor's front door: {@link io.switchboard.processor.SwitchboardProcessor} creates the topics, seeds the
 * policy, carries the events offsets over after an upgrade, builds the two topologies and runs their Kafka Streams
 * apps ({@code ProcessorApps}: the events app and the core app) with the HTTP endpoints. It sits on top: no other
 * package of the processor depends on it (ArchitectureTest).
 */
package io.switchboard.processor;
