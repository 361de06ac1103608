/**
 * The Java client library ({@code switchboard-client}): {@link io.switchboard.client.SwitchboardClient} keeps one
 * logical connection to Switchboard gateways across sockets, reconnecting with full-jitter backoff and resuming with a
 * reconnection token or {@code since}, so that each message reaches the application once and in order. It speaks the
 * wire protocol (docs/protocol.md) over the JDK's {@code java.net.http} WebSocket; one event thread owns the protocol
 * state. It depends on no other Switchboard module (it is published on its own) and on nothing but Jackson and zstd-
 * jni.
 */
package io.switchboard.client;
