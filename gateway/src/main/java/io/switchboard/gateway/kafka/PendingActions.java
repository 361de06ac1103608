package io.switchboard.gateway.kafka;

/**
 * Actions handed to the producer and not yet acknowledged, bounded by count and bytes: while Kafka is slow or away,
 * the gateway's memory for them stays bounded and further actions are refused at once. Thread-safe.
 */
final class PendingActions {
    private final int maxActions;
    private final long maxBytes;
    /** Guarded by this. */
    private int actions;
    /** Guarded by this. */
    private long bytes;

    PendingActions(int maxActions, long maxBytes) {
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
    }

    /** Takes room for one action of this size; false when it would go over either bound. */
    synchronized boolean tryAcquire(int size) {
        if (actions + 1 > maxActions || bytes + size > maxBytes) {
            return false;
        }
        actions++;
        bytes += size;
        return true;
    }

    /** The action of this size was acknowledged or failed. */
    synchronized void release(int size) {
        actions--;
        bytes -= size;
    }

    synchronized int actions() {
        return actions;
    }

    synchronized long bytes() {
        return bytes;
    }
}
