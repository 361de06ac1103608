/**
 * The gateway's configuration: {@link io.switchboard.gateway.config.GatewayConfig} and its parts, loaded once from
 * {@link io.switchboard.config.Settings} and validated there, so that a bad value fails at start naming its key.
 * Immutable records; must not start anything or use Undertow or Kafka clients.
 */
package io.switchboard.gateway.config;
