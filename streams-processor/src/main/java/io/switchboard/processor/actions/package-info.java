/**
 * The stage that answers client actions from {@code switchboard.actions}: subscribe and publish decided against the
 * policy, live connections and their granted channels, delivery cursors, gateway leases, revocation after an ACL
 * change, and the {@code published} confirmations. Kafka Streams Processor API over state stores; must not use Kafka
 * clients of its own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.actions;
