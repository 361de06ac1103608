/**
 * The stage that handles domain events from {@code switchboard.events}: validation (invalid records to the dead-letter
 * topic), addressing to channels and audiences, and the choice of output topic per family. Kafka Streams Processor
 * API; must not use Kafka clients of its own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.events;
