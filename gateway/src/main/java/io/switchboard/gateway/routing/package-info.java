/**
 * What the gateway does with a connection's life and frames: turns them into client actions for the processor, routes
 * the processor's replies to sessions, and holds {@code resume=} handshakes and credential refreshes. It decides no
 * permission; it must not use Undertow or Kafka clients (it reaches Kafka through {@link
 * io.switchboard.gateway.routing.ActionSink}).
 */
package io.switchboard.gateway.routing;
