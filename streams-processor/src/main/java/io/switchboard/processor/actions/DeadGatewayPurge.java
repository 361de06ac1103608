package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the connections of gateways presumed dead ({@link GatewayLeases}). A crashed gateway never sends its
 * connections' Disconnects. Their tokens' sessions stay as issued, with the positions the gateway reported then: a
 * dead gateway reports nothing newer, and a resume from an earlier position only sends some messages again
 * (positions make that visible), where no position would lose the channels. The purged connections leave every
 * presence-enabled channel they held, at the purge's wall-clock time.
 */
final class DeadGatewayPurge {
    private static final Logger LOG = LoggerFactory.getLogger(DeadGatewayPurge.class);

    private final GatewayLeases leases;
    private final ConnectionLedger connections;
    private final PresenceFeed presence;
    private final ProcessorMetrics.Counter purged;

    DeadGatewayPurge(
            GatewayLeases leases,
            ConnectionLedger connections,
            PresenceFeed presence,
            ProcessorMetrics.Counter purged) {
        this.leases = leases;
        this.connections = connections;
        this.presence = presence;
        this.purged = purged;
    }

    /** A punctuator (wall-clock time). */
    void purge(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        Map<String, Instant> expired = leases.expiredBefore(now);
        if (expired.isEmpty()) {
            return;
        }
        connections.heldBy(expired.keySet()).forEach((gatewayId, connectionIds) -> {
            LOG.warn(
                    "gateway-presumed-dead: {}, lease expired at {}, ending {} connections",
                    gatewayId,
                    expired.get(gatewayId),
                    connectionIds.size());
            for (String connectionId : connectionIds) {
                connections.close(connectionId).ifPresent(state -> {
                    purged.increment();
                    presence.released(connectionId, state.getUserId(), state.getChannels(), now, wallClockMs);
                });
            }
        });
    }
}
