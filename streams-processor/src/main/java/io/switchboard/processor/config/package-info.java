/**
 * The processor's configuration: every key documented once beside its default ({@link
 * io.switchboard.processor.config.ProcessorKeys}), the validated {@link
 * io.switchboard.processor.config.ProcessorConfig}, and the Kafka Streams and admin properties made from it. Must not
 * depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.config;
