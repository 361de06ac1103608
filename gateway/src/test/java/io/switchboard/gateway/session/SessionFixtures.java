package io.switchboard.gateway.session;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import java.time.Duration;

/** The parts of a session that tests build again and again, made the way the gateway makes them. */
public final class SessionFixtures {
    private SessionFixtures() {}

    /** A queue with strict bounds (over them is an overflow at once), counted in a backlog of its own. */
    public static OutboundQueue queue(long maxBytes, int maxFrames) {
        return new OutboundQueue(maxBytes, maxFrames, strictStall(), new OutboundBacklog());
    }

    /** Bounds that apply at once, whatever the writer does (a stall grace of zero). */
    public static StallWatch strictStall() {
        return new StallWatch(Duration.ZERO, System::nanoTime, () -> 0);
    }

    /** Replies encoded as the gateway encodes them, counted in no registry. */
    public static Outgoing outgoing() {
        return new Outgoing(new ServerMessageEncoder(), GatewayMetrics.noop());
    }
}
