package io.switchboard.gateway.config;

import java.time.Duration;

/**
 * How frames leave for sockets: the bounds of every connection's outbound queue, when going over them makes a
 * connection a slow consumer, and how much the gateway as a whole may have waiting before it stops reading Kafka.
 *
 * @param maxQueuedBytes bytes of frames waiting for one socket before the connection counts as a slow consumer, if its
 *     socket also stalled
 * @param maxQueuedFrames frames waiting for one socket before the connection counts as a slow consumer, if its socket
 *     also stalled
 * @param closeTimeout how long a close frame may take to leave before the socket is closed hard
 * @param stallGrace how long a batch may wait for its socket (the I/O thread's own lag not counted) before a queue
 *     over its bounds is shed with 4009; zero makes the bounds strict
 * @param maxBacklogBytes bytes waiting for all connections together past which the gateway stops reading Kafka until
 *     its writers have halved them
 * @param batchWait how long records may gather in Kafka before the delivery consumer takes them (the broker answers a
 *     fetch after this long, or as soon as 1 MiB waits), so that one write per socket carries all of them; zero takes
 *     each record as soon as it is visible
 */
public record OutboundConfig(
        long maxQueuedBytes,
        int maxQueuedFrames,
        Duration closeTimeout,
        Duration stallGrace,
        long maxBacklogBytes,
        Duration batchWait) {
    public OutboundConfig {
        if (maxQueuedBytes < 1 || maxQueuedFrames < 1 || maxBacklogBytes < 1) {
            throw new IllegalArgumentException("outbound bounds must be positive");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("close timeout must be positive");
        }
        if (stallGrace.isNegative()) {
            throw new IllegalArgumentException("stall grace must not be negative");
        }
        if (batchWait.isNegative()) {
            throw new IllegalArgumentException("batch wait must not be negative");
        }
    }
}
