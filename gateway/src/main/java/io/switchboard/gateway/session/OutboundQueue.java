package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The bounded outbound queue of one connection, with coalesced writes: at most one batch is in flight; frames
 * offered meanwhile wait here and leave together as the next batch, so a busy connection costs one socket write
 * per batch, not one per frame.
 *
 * <p>Bounds count frames waiting here (not the batch in flight). Going over them makes the connection a slow consumer
 * only when its own socket stopped draining: when the batch in flight has waited for the socket for the stall grace
 * ({@link StallWatch}). Then the offer returns {@link Offer#OVERFLOW} once, drops everything queued and closes the
 * queue. A queue over its bounds whose writer keeps writing belongs to a client that reads while the gateway is
 * behind; it is kept, and the {@link OutboundBacklog} all queues add to tells the delivery consumer to stop reading
 * until the writers catch up. A frame larger than {@code maxBytes} is accepted into an empty queue, so one large
 * message never counts as a slow consumer. With a strict watch (grace zero) the bounds apply to every offer.
 *
 * <p>The writer's side also keeps the written position of each channel: the position of the last frame carrying
 * one ({@link Frame#position()}) in a batch the writer finished. A batch counts as written when the writer reports it
 * ({@link #batchWritten}) or comes back for the next one, so a frame merely queued or still in flight never counts.
 * Written means handed to the socket: bytes still in the TCP buffers when a connection breaks off are counted although
 * the peer never read them.
 *
 * <p>Thread-safe: producers (the delivery thread, the recovery thread, reply handlers) offer; the connection's writer
 * takes batches.
 */
public final class OutboundQueue {
    /** The outcome of {@link #offer}. */
    enum Offer {
        /** Queued, and no batch is in flight: the caller must start the writer ({@link #takeBatch}). */
        START_WRITING,
        /** Queued behind the batch in flight: it leaves with the next batch. */
        QUEUED,
        /** The bounds were exceeded while the writer stalled: everything was dropped and the queue is closed. Once. */
        OVERFLOW,
        /** The queue is closed: the frame was dropped. */
        CLOSED
    }

    private static final long NOT_IN_FLIGHT = Long.MIN_VALUE;

    private final long maxBytes;
    private final int maxFrames;
    private final StallWatch stall;
    private final OutboundBacklog backlog;
    /** Starts small (the default holds 16 slots): an idle connection queues nothing, a busy one grows it once. */
    private final ArrayDeque<Frame> frames = new ArrayDeque<>(4);

    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    /** False once the connection is closing: later frames are refused, those queued still leave. */
    private boolean accepting = true;
    /** The batch the writer took last; guarded by this. */
    private List<Frame> inFlight = List.of();
    /** When the batch in flight was handed to the socket, or NOT_IN_FLIGHT once written; guarded by this. */
    private long inFlightSince = NOT_IN_FLIGHT;
    /** Whether the positions of the batch in flight are recorded; writer only. */
    private boolean inFlightRecorded = true;
    /** Written by the writer only, outside the queue's lock; read by anyone. */
    private final Map<String, WrittenPosition> written = new ConcurrentHashMap<>(Session.FEW_CHANNELS);
    /** The channel {@link #recordWritten} wrote last, and its entry of {@link #written}; writer only. */
    private String lastWrittenChannel;

    private WrittenPosition lastWritten;

    /**
     * @param stall when the writer counts as stalled, which makes going over the bounds an overflow
     * @param backlog the gateway's backlog, which this queue's waiting frames add to
     */
    public OutboundQueue(long maxBytes, int maxFrames, StallWatch stall, OutboundBacklog backlog) {
        if (maxBytes < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxFrames = maxFrames;
        this.stall = stall;
        this.backlog = backlog;
    }

    synchronized Offer offer(Frame frame) {
        if (closed || !accepting) {
            return Offer.CLOSED;
        }
        if (!frames.isEmpty() && exceedsBounds(frame.size()) && writerStalled()) {
            close();
            return Offer.OVERFLOW;
        }
        frames.addLast(frame);
        queuedBytes += frame.size();
        backlog.added(frame.size());
        if (writing) {
            return Offer.QUEUED;
        }
        writing = true;
        return Offer.START_WRITING;
    }

    /**
     * Takes everything queued as the next batch, in order, and starts its stall clock. An empty result ends the
     * writer's turn: the next offer returns {@link Offer#START_WRITING} again. The writer calls this after {@code
     * START_WRITING} and again each time a batch has been written.
     */
    public List<Frame> takeBatch() {
        List<Frame> done;
        List<Frame> batch;
        synchronized (this) {
            done = inFlightRecorded ? List.of() : inFlight;
            if (frames.isEmpty()) {
                endTurn();
                batch = List.of();
            } else {
                batch = frames.size() == 1 ? List.of(frames.pollFirst()) : drain();
                backlog.removed(queuedBytes);
                queuedBytes = 0;
                inFlightSince = stall.now();
                inFlight = batch;
            }
        }
        recordWritten(done);
        inFlightRecorded = batch.isEmpty();
        return batch;
    }

    /** Every frame queued, in order, and the queue emptied. Guarded by this. */
    private List<Frame> drain() {
        List<Frame> batch = new ArrayList<>(frames);
        frames.clear();
        return batch;
    }

    /**
     * The writer finished the batch in flight: its positions count as written, and its stall clock stops (the wait
     * for the writer's next turn is the gateway's, not the socket's). When nothing waits, the writer's turn ends here,
     * as with an empty {@link #takeBatch}: a connection that keeps up costs no further turn. Writer only.
     *
     * @return whether frames wait: the writer must come back for them with {@link #takeBatch}
     */
    public boolean batchWritten() {
        List<Frame> done;
        boolean more;
        synchronized (this) {
            inFlightSince = NOT_IN_FLIGHT;
            done = inFlightRecorded ? List.of() : inFlight;
            more = !frames.isEmpty();
            if (!more) {
                endTurn();
            }
        }
        inFlightRecorded = true;
        recordWritten(done);
        return more;
    }

    /** Nothing waits: the next offer returns {@link Offer#START_WRITING}. Guarded by this. */
    private void endTurn() {
        writing = false;
        inFlight = List.of();
        inFlightSince = NOT_IN_FLIGHT;
    }

    /** Keeps the last position of each channel in the batch; within a run of one channel's frames, only its last. */
    private void recordWritten(List<Frame> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Frame frame = batch.get(i);
            if (frame.position() != null
                    && (i == batch.size() - 1
                            || !frame.channel().equals(batch.get(i + 1).channel()))) {
                recordWritten(frame.channel(), frame.position());
            }
        }
    }

    /** The channel written last is looked up once, not once per batch. Writer only. */
    private void recordWritten(String channel, Position position) {
        if (channel.equals(lastWrittenChannel)) {
            lastWritten.position = position;
            return;
        }
        WrittenPosition entry = written.get(channel);
        if (entry == null) {
            entry = new WrittenPosition(position);
            written.put(channel, entry);
        } else {
            entry.position = position;
        }
        lastWrittenChannel = channel;
        lastWritten = entry;
    }

    /**
     * The position of each channel as far as frames carrying one were written (see the class comment): a snapshot,
     * by channel, of every channel this connection was ever sent a position in.
     */
    Map<String, Position> writtenPositions() {
        return written.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().position));
    }

    /** A channel's written position, replaced in place: a write per batch, not a map update. */
    private static final class WrittenPosition {
        volatile Position position;

        WrittenPosition(Position position) {
            this.position = position;
        }
    }

    /**
     * Whether the queue holds less than half of its bounds, in frames and in bytes. A producer that can wait (a
     * recovery) sends only while this holds, so it never makes a reader that keeps up look like a slow consumer.
     */
    synchronized boolean isBelowHalf() {
        return frames.size() * 2L < maxFrames && queuedBytes * 2 < maxBytes;
    }

    private boolean exceedsBounds(long incomingBytes) {
        return frames.size() >= maxFrames || queuedBytes + incomingBytes > maxBytes;
    }

    private boolean writerStalled() {
        return stall.isStrict() || (inFlightSince != NOT_IN_FLIGHT && stall.stalledSince(inFlightSince));
    }

    /**
     * Closes the queue as an overflow when it is over its bounds and its writer has stalled, although nothing is being
     * offered (the delivery consumer holds back while the gateway is behind, and must not wait on a dead reader).
     *
     * @return whether it was closed now
     */
    synchronized boolean overflowIfStalled() {
        if (closed || frames.isEmpty() || !exceedsBounds(0) || !writerStalled()) {
            return false;
        }
        close();
        return true;
    }

    /** Drops everything queued and refuses every later frame. */
    public synchronized void close() {
        closed = true;
        dropQueued();
        // inFlight stays: the writer comes back for another batch only if it finished writing this one
    }

    /** Refuses every later frame; those already queued stay for the writer ({@link #closeAndTakeRest}). */
    synchronized void stopAccepting() {
        accepting = false;
    }

    /**
     * Refuses every later frame and hands back those still waiting, in order, for the writer to send ahead of a close
     * frame: replies queued before a close are written before it.
     */
    public synchronized List<Frame> closeAndTakeRest() {
        List<Frame> rest = closed ? List.of() : new ArrayList<>(frames);
        closed = true;
        dropQueued();
        return rest;
    }

    private void dropQueued() {
        frames.clear();
        backlog.removed(queuedBytes);
        queuedBytes = 0;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int queuedFrames() {
        return frames.size();
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }
}
