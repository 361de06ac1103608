package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded outbound queue of one connection, with coalesced writes: at most one batch is in flight; frames
 * offered meanwhile wait here and leave together as the next batch, so a busy connection costs one socket write
 * per batch, not one per frame.
 *
 * <p>Bounds count frames waiting here (not the batch in flight). A frame is refused when the queue already holds
 * {@code maxFrames} frames or when it would take the queue over {@code maxBytes}; a frame larger than {@code maxBytes}
 * is still accepted into an empty queue, so one large message never counts as a slow consumer. The first refusal
 * returns {@link Offer#OVERFLOW} once, drops everything queued and closes the queue.
 *
 * <p>Thread-safe: producers (the delivery thread, reply handlers) offer; the connection's writer takes batches.
 */
public final class OutboundQueue {
    /** The outcome of {@link #offer}. */
    public enum Offer {
        /** Queued, and no batch is in flight: the caller must start the writer ({@link #takeBatch}). */
        START_WRITING,
        /** Queued behind the batch in flight: it leaves with the next batch. */
        QUEUED,
        /** The bounds were exceeded: everything was dropped and the queue is closed. Returned once. */
        OVERFLOW,
        /** The queue is closed: the frame was dropped. */
        CLOSED
    }

    private final long maxBytes;
    private final int maxFrames;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;

    public OutboundQueue(long maxBytes, int maxFrames) {
        if (maxBytes < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxFrames = maxFrames;
    }

    public synchronized Offer offer(Frame frame) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (!frames.isEmpty() && (frames.size() >= maxFrames || queuedBytes + frame.size() > maxBytes)) {
            close();
            return Offer.OVERFLOW;
        }
        frames.addLast(frame);
        queuedBytes += frame.size();
        if (writing) {
            return Offer.QUEUED;
        }
        writing = true;
        return Offer.START_WRITING;
    }

    /**
     * Takes everything queued as the next batch, in order. An empty result ends the writer's turn: the next offer
     * returns {@link Offer#START_WRITING} again. The writer calls this after {@code START_WRITING} and again each
     * time a batch has been written.
     */
    public synchronized List<Frame> takeBatch() {
        if (frames.isEmpty()) {
            writing = false;
            return List.of();
        }
        List<Frame> batch = new ArrayList<>(frames);
        frames.clear();
        queuedBytes = 0;
        return batch;
    }

    /** Drops everything queued and refuses every later frame. */
    public synchronized void close() {
        closed = true;
        frames.clear();
        queuedBytes = 0;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized int queuedFrames() {
        return frames.size();
    }

    public synchronized long queuedBytes() {
        return queuedBytes;
    }
}
