package io.switchboard.gateway.routing;

/**
 * How the gateway tells the processor something: the action is built, then forwarded.
 *
 * @param actions builds the client actions of this gateway's connections
 * @param sink where they are forwarded: the actions topic
 */
public record ProcessorOutbox(ClientActions actions, ActionSink sink) {}
