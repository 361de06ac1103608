package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.Position;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

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
 * <p>A burst is not a slow consumer: the delivery thread can queue a whole poll's worth of frames faster than the
 * connection's I/O thread takes them, even for a client that reads at full speed. So going over the bounds closes
 * the queue only when the writer has made no progress (taken no batch) for the stall grace, or when the queue reaches
 * {@value #BURST_FACTOR} times its bounds, which caps the memory a burst may hold. A grace of zero makes the bounds
 * strict.
 *
 * <p>The writer's side also keeps the written position of each channel: the position of the last frame carrying
 * one ({@link Frame#position()}) in a batch the writer finished. A batch counts as written when the writer comes back
 * for the next one, so a frame merely queued or still in flight never counts. Written means handed to the socket:
 * bytes still in the TCP buffers when a connection breaks off are counted although the peer never read them.
 *
 * <p>Thread-safe: producers (the delivery thread, the recovery thread, reply handlers) offer; the connection's writer
 * takes batches.
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

    /** How long a writer may go without taking a batch before the bounds apply strictly. */
    public static final Duration DEFAULT_STALL_GRACE = Duration.ofMillis(500);
    /** Within the stall grace, the queue may hold this many times its bounds. */
    public static final int BURST_FACTOR = 4;

    private final long maxBytes;
    private final int maxFrames;
    private final long stallGraceNanos;
    private final LongSupplier nanoClock;
    private long writerProgressNanos;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    /** The batch the writer took last and is writing; guarded by this. */
    private List<Frame> inFlight = List.of();
    /** Written by the writer only, outside the queue's lock; read by anyone. */
    private final Map<String, Position> written = new ConcurrentHashMap<>();

    /** A queue with strict bounds (no stall grace). */
    public OutboundQueue(long maxBytes, int maxFrames) {
        this(maxBytes, maxFrames, Duration.ZERO, System::nanoTime);
    }

    /**
     * @param stallGrace how long the writer may go without taking a batch before the bounds apply strictly
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public OutboundQueue(long maxBytes, int maxFrames, Duration stallGrace, LongSupplier nanoClock) {
        if (maxBytes < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxFrames = maxFrames;
        this.stallGraceNanos = stallGrace.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The queue of a live connection: these bounds, with the default stall grace. */
    public static OutboundQueue forConnection(long maxBytes, int maxFrames) {
        return new OutboundQueue(maxBytes, maxFrames, DEFAULT_STALL_GRACE, System::nanoTime);
    }

    public synchronized Offer offer(Frame frame) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (!frames.isEmpty()
                && exceedsBounds(frame.size(), 1)
                && (writerStalled() || exceedsBounds(frame.size(), BURST_FACTOR))) {
            close();
            return Offer.OVERFLOW;
        }
        frames.addLast(frame);
        queuedBytes += frame.size();
        if (writing) {
            return Offer.QUEUED;
        }
        writing = true;
        writerProgressNanos = nanoClock.getAsLong();
        return Offer.START_WRITING;
    }

    /**
     * Takes everything queued as the next batch, in order. An empty result ends the writer's turn: the next offer
     * returns {@link Offer#START_WRITING} again. The writer calls this after {@code START_WRITING} and again each
     * time a batch has been written.
     */
    public List<Frame> takeBatch() {
        List<Frame> done;
        List<Frame> batch;
        synchronized (this) {
            writerProgressNanos = nanoClock.getAsLong();
            done = inFlight;
            if (frames.isEmpty()) {
                writing = false;
                batch = List.of();
            } else {
                batch = new ArrayList<>(frames);
                frames.clear();
                queuedBytes = 0;
            }
            inFlight = batch;
        }
        recordWritten(done);
        return batch;
    }

    /** Keeps the last position of each channel in the batch; within a run of one channel's frames, only its last. */
    private void recordWritten(List<Frame> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Frame frame = batch.get(i);
            if (frame.position() != null
                    && (i == batch.size() - 1
                            || !frame.channel().equals(batch.get(i + 1).channel()))) {
                written.put(frame.channel(), frame.position());
            }
        }
    }

    /**
     * The position of each channel as far as frames carrying one were written (see the class comment): a snapshot,
     * by channel, of every channel this connection was ever sent a position in.
     */
    public Map<String, Position> writtenPositions() {
        return Map.copyOf(written);
    }

    /**
     * Whether the queue holds less than half of its bounds, in frames and in bytes. A producer that can wait (a
     * recovery) sends only while this holds, so it never makes a reader that keeps up look like a slow consumer.
     */
    public synchronized boolean isBelowHalf() {
        return frames.size() * 2L < maxFrames && queuedBytes * 2 < maxBytes;
    }

    private boolean exceedsBounds(long incomingBytes, int factor) {
        return frames.size() >= (long) maxFrames * factor || queuedBytes + incomingBytes > maxBytes * factor;
    }

    private boolean writerStalled() {
        return nanoClock.getAsLong() - writerProgressNanos >= stallGraceNanos;
    }

    /** Drops everything queued and refuses every later frame. */
    public synchronized void close() {
        closed = true;
        frames.clear();
        queuedBytes = 0;
        // inFlight stays: the writer comes back for another batch only if it finished writing this one
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
