/**
 * The role directory as the processor keeps it: the global {@code users-store} with its role index, read for audience
 * routing, and updated with the roles users connect with. Kafka Streams Processor API; must not use Kafka clients of
 * its own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.users;
