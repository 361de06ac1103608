/**
 * Prepares the cluster with the Kafka admin client before Streams starts: creates the topics the processor reads and
 * writes when they do not exist yet, and carries the position on the events topic over to the events app's consumer
 * group on the first start after an upgrade. Must not depend on the stages or the topology (ArchitectureTest).
 */
package io.switchboard.processor.admin;
