package io.switchboard.gateway.kafka;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.schemas.PresenceHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One session catching up on one channel from a {@code since} position, until it is handed over to the live stream.
 *
 * <p>The job reads the channel's partition from its start offset and sends the channel's records to the session, never
 * one at or beyond its target: the live position the delivery thread last reported. Having sent everything before the
 * target, it asks the delivery thread to hand the session over at the target ({@link Handover#activateAt}); the
 * delivery thread does so only if its live position is still the target, else it reports its new position and the job
 * reads on. So every record after {@code since} reaches the session exactly once, in order.
 *
 * <p>Copies of deliveries routed again by a processor after a crash are dropped by their source position ({@link
 * SourceWatermarks}): the job first reads up to {@link #SEED_WINDOW} records before {@code since}, which the client
 * has or never wanted, only to learn their source positions, so that a copy after {@code since} of a record the
 * client got before it is known for one. The marks go to the live reader with the session.
 *
 * <p>Threads: the delivery thread creates the job, and ends it by handing it over or cancelling it. The read state
 * (phase, next, target, the records not yet sent) belongs to the recovery thread. Sending, announcing and ending are
 * done under the job's lock, so once {@link #cancel} returns, nothing more of this job reaches the session.
 */
final class RecoveryJob {
    enum Phase {
        /** The start offset is not known yet. */
        NEW,
        /** Reading and sending records before the target. */
        READING,
        /** Asked the delivery thread to hand over at {@link #next()}; waiting for its answer. */
        HANDING_OVER,
        /** The live reader is behind {@link #next()} (it lags): ask again later. */
        WAITING_FOR_LIVE
    }

    private final Session session;
    private final String channel;
    private final byte[] key;
    private final String family;
    private final TopicPartition partition;
    private final String epoch;
    private final Position since;
    private final long liveAtGrant;
    private final Consumer<Activation> onActive;
    private final GatewayMetrics metrics;

    /**
     * How many records before {@code since} are read for their source positions only. A processor routes again what
     * followed its last commit (by default 100 ms of events), so the originals of copies after {@code since} lie
     * just before it.
     */
    static final int SEED_WINDOW = 256;

    private final SourceWatermarks sources = new SourceWatermarks();
    private Phase phase = Phase.NEW;
    /** The first offset that may be sent; records before it are read for their source positions only. */
    private long firstSent;

    private long next;
    private long target;
    private long retryAtNanos;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> unsent = new ArrayDeque<>();

    /** Cancelled or handed over; guarded by this. */
    private boolean over;
    /** The subscribed frame was queued; guarded by this. */
    private boolean announced;

    /**
     * @param granted the channel's partition, read from {@code since} on
     * @param onActive queues the {@code subscribed} frame
     * @param metrics counts the answer to {@code since} ({@code recovered} true or false) and each recovered message
     */
    RecoveryJob(
            Session session,
            String channel,
            Position since,
            GrantedPartition granted,
            Consumer<Activation> onActive,
            GatewayMetrics metrics) {
        this.session = session;
        this.channel = channel;
        this.key = channel.getBytes(StandardCharsets.UTF_8);
        this.family = granted.family();
        this.partition = granted.partition();
        this.epoch = granted.epoch();
        this.since = since;
        this.liveAtGrant = granted.liveAtGrant();
        this.onActive = onActive;
        this.metrics = metrics;
    }

    /**
     * The first offset to recover from, or empty when {@code since} cannot be honoured: the record after it is no
     * longer retained, or {@code since} lies beyond the end of the log. An inbox read (empty epoch) is always honoured,
     * from the log start when {@code since} is older, from the log end when it lies beyond.
     *
     * @param logEnd the offset after the last committed record
     */
    static OptionalLong startOffset(Position since, long logStart, long logEnd) {
        boolean inbox = since.epoch().isEmpty();
        if (since.offset() >= logEnd) {
            return inbox ? OptionalLong.of(logEnd) : OptionalLong.empty();
        }
        long start = Math.max(since.offset(), -1) + 1;
        if (start < logStart) {
            return inbox ? OptionalLong.of(logStart) : OptionalLong.empty();
        }
        return OptionalLong.of(start);
    }

    // --- recovery thread

    /**
     * Queues the {@code subscribed} frame (recovered) and starts reading at {@code start}, after the {@link
     * #SEED_WINDOW} records before it that are retained; false when the job was cancelled meanwhile.
     */
    synchronized boolean begin(long start, long logStart) {
        if (over) {
            return false;
        }
        Position live = new Position(Math.max(liveAtGrant, start) - 1, epoch);
        onActive.accept(new Activation(live, Boolean.TRUE, new Position(start - 1, epoch)));
        metrics.recoveryAnswered(true);
        announced = true;
        firstSent = start;
        next = Math.max(logStart, start - SEED_WINDOW);
        target = liveAtGrant;
        phase = Phase.READING;
        return true;
    }

    /** Takes in records read from the partition after {@link #next()}; the reader's position is now {@code after}. */
    void read(Iterable<ConsumerRecord<byte[], byte[]>> records, long after) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < next || record.offset() >= target) {
                continue; // read before, or beyond what may be sent now
            }
            if (PresenceHeader.isNotice(record.headers())) {
                continue; // no message, and no source position to learn
            }
            boolean copy = !sources.pass(record.headers());
            if (record.offset() < firstSent || !Arrays.equals(record.key(), key)) {
                continue;
            }
            if (copy) {
                metrics.duplicateDropped();
            } else {
                unsent.add(record);
            }
        }
        // records at or beyond the target were dropped: the reader must come back for them if the target moves
        next = Math.max(next, Math.min(after, target));
    }

    /**
     * Whether records read from {@code partition} over {@code [from, to)} are the job's next ones: it is reading that
     * partition, has sent all it read before, and its next offset lies in that range (a job behind {@code from} would
     * skip records, one at or past {@code to} gains nothing).
     */
    boolean wants(TopicPartition partition, long from, long to) {
        return phase == Phase.READING
                && unsent.isEmpty()
                && this.partition.equals(partition)
                && next >= from
                && next < to
                && next < target;
    }

    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    ConsumerRecord<byte[], byte[]> takeUnsent() {
        return unsent.poll();
    }

    /**
     * The source positions of what this job read, for the live reader at the hand-over; read only once the recovery
     * thread has asked for it.
     */
    SourceWatermarks sources() {
        return sources;
    }

    /** Everything before the target was read and sent: time to ask for the hand-over at {@link #next()}. */
    boolean caughtUp() {
        return unsent.isEmpty() && next >= target;
    }

    void handingOver() {
        phase = Phase.HANDING_OVER;
    }

    /** The delivery thread did not hand over: its live position is {@code position}. */
    void livePositionIs(long position, long nowNanos, long retryDelayNanos) {
        if (phase != Phase.HANDING_OVER) {
            return;
        }
        if (position > next) {
            target = position;
            phase = Phase.READING;
        } else {
            phase = Phase.WAITING_FOR_LIVE;
            retryAtNanos = nowNanos + retryDelayNanos;
        }
    }

    boolean retryDue(long nowNanos) {
        return nowNanos - retryAtNanos >= 0;
    }

    /** Queues a frame to the session unless the job is over; false when it is. */
    synchronized boolean send(Frame frame) {
        if (over) {
            return false;
        }
        session.send(frame);
        metrics.recoveredMessageSent(frame.size());
        return true;
    }

    synchronized boolean isOver() {
        return over;
    }

    synchronized boolean isAnnounced() {
        return announced;
    }

    Phase phase() {
        return phase;
    }

    /**
     * The offset the job reads from next: every record of the channel before it (and after {@code since}) is sent or
     * waiting to be.
     */
    long next() {
        return next;
    }

    /** Where the session joins the live stream once caught up: never before the first record it may be sent. */
    long handOverAt() {
        return Math.max(next, firstSent);
    }

    /** The live position last reported: the job sends nothing at or beyond it. */
    long target() {
        return target;
    }

    // --- delivery thread

    /** Ends the job; false when it had already ended. */
    synchronized boolean cancel() {
        if (over) {
            return false;
        }
        over = true;
        return true;
    }

    /**
     * Ends the job as the session joins the live stream, first queuing the {@code subscribed} frame if {@code
     * activation} is given (the job never began: {@code since} could not be honoured).
     */
    synchronized void handOver(Activation activation) {
        if (activation != null && !announced) {
            onActive.accept(activation);
            if (activation.recovered() != null) {
                metrics.recoveryAnswered(activation.recovered());
            }
            announced = true;
        }
        over = true;
    }

    // --- any thread (immutable)

    Session session() {
        return session;
    }

    String channel() {
        return channel;
    }

    String family() {
        return family;
    }

    TopicPartition partition() {
        return partition;
    }

    String epoch() {
        return epoch;
    }

    Position since() {
        return since;
    }

    @Override
    public String toString() {
        return "RecoveryJob[" + session.id() + " " + channel + " since " + since.offset() + "]";
    }
}
