package io.switchboard.gateway.session;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.ServerMessageEncoder;

/**
 * How a session's server messages become frames, and the meters that count them.
 *
 * @param metrics counts every reply and notice queued ({@code messages.sent}, sizes, errors by code)
 */
public record Outgoing(ServerMessageEncoder encoder, GatewayMetrics metrics) {}
