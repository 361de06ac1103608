package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * Bounds of every connection's outbound queue.
 *
 * @param maxQueuedBytes bytes of frames waiting for the socket before the connection counts as a slow consumer
 * @param maxQueuedFrames frames waiting for the socket before the connection counts as a slow consumer
 * @param closeTimeout how long a close frame may take to leave before the socket is closed hard
 */
public record OutboundConfig(long maxQueuedBytes, int maxQueuedFrames, Duration closeTimeout) {
    public OutboundConfig {
        if (maxQueuedBytes < 1 || maxQueuedFrames < 1) {
            throw new IllegalArgumentException("outbound bounds must be positive");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("close timeout must be positive");
        }
    }
}
