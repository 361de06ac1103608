/**
 * Local limits of a gateway: token buckets for client messages and handshakes, caps on connections per user and per
 * gateway, and the client address behind trusted proxies. Decides only; must not use Undertow or Kafka clients.
 */
package io.switchboard.gateway.limits;
