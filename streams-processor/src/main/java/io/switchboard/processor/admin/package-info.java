/**
 * Creates the topics the processor reads and writes when they do not exist yet, with the Kafka admin client, before
 * Streams starts. Must not depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.admin;
