package io.switchboard.gateway.server;

import io.switchboard.gateway.session.OutboundBacklog;

/**
 * What every connection's writer shares with the rest of the gateway.
 *
 * @param backlog the bytes waiting in all outbound queues, which the delivery consumer reads to hold back
 * @param writeHook runs before each batch is written; {@link WriteHook#NONE} outside tests
 */
public record Outbound(OutboundBacklog backlog, WriteHook writeHook) {}
