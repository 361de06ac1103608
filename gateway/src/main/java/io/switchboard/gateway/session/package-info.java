/**
 * One client connection and the gateway's registry of them: identity, credential expiry, the bounded outbound queue
 * with coalesced writes, and when a slow reader counts as stalled. Plain Java, testable without a socket: must not use
 * Undertow, XNIO or Kafka clients (ArchitectureTest); the socket side is the {@link
 * io.switchboard.gateway.session.Transport} interface.
 */
package io.switchboard.gateway.session;
