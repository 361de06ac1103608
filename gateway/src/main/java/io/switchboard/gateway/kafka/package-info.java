/**
 * Everything that talks to Kafka: the action producer, the delivery consumer that reads the output topics and fans
 * records out to local sessions, the reply consumer, recovery from a {@code since} position, the gateway's lease and
 * its connections summary. The only package of the gateway that uses Kafka clients; it must not use Undertow
 * (ArchitectureTest).
 */
package io.switchboard.gateway.kafka;
