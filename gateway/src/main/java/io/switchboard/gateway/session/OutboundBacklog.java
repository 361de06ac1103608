package io.switchboard.gateway.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes waiting in every outbound queue of the gateway: what its writers still have to hand to sockets. When it
 * grows past a bound the gateway itself is behind (its I/O threads write slower than it reads Kafka), and the delivery
 * consumer stops reading until it shrinks: latency grows and Kafka keeps the messages, where shedding clients that
 * read would lose them. Thread-safe; cheap for the many threads that add and take.
 */
public final class OutboundBacklog {
    private final LongAdder bytes = new LongAdder();

    void added(long frameBytes) {
        bytes.add(frameBytes);
    }

    void removed(long frameBytes) {
        bytes.add(-frameBytes);
    }

    /** Bytes queued for all connections and not yet taken by their writers. */
    public long bytes() {
        return bytes.sum();
    }
}
