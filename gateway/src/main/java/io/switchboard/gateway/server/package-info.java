/**
 * The Undertow server: the WebSocket endpoint {@code /ws}, upgrade decisions as plain HTTP, the frame listener, the
 * transport that writes a session's frames to its channel, static files (SDK and console) and the operator endpoints
 * on the same port. The only package of the gateway that uses Undertow and XNIO (ArchitectureTest); it must not use
 * Kafka clients.
 */
package io.switchboard.gateway.server;
