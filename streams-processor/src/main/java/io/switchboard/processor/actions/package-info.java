/**
 * The stage that answers client actions from {@code switchboard.actions}: subscribe and publish decided against the
 * policy, live connections and their granted channels, delivery cursors, gateway leases, revocation after an ACL
 * change, and the {@code published} confirmations. {@link io.switchboard.processor.actions.AnswerActionsProcessor}
 * holds the stores and punctuators and hands each kind of action to the handler of its concern (connections,
 * subscriptions, revocations, publishes, acks, tokens; dead gateways on a punctuator), which all write through one
 * set of outputs. Kafka Streams Processor API over state stores; must not use Kafka clients of its own or the graph
 * API (ArchitectureTest).
 */
package io.switchboard.processor.actions;
