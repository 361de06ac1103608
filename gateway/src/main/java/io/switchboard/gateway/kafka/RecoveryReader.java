package io.switchboard.gateway.kafka;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.DeliveryFrameEncoder;
import io.switchboard.gateway.protocol.DeliveryFrames;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one recovery thread of a gateway ({@code gateway-recovery}) and its own {@code read_committed} consumer, serving
 * every {@link RecoveryJob} in turn (round robin). A job sends only while its session's outbound queue is below half
 * its bounds ({@link io.switchboard.gateway.session.Session#hasRoomToCatchUp}) and otherwise yields, so catching up
 * on thousands of messages never overflows the queue of a reader that keeps up. A job reads at most one poll ahead of
 * what it sent. Jobs of one partition share its reads ({@link #fetch}) and the frames built from them (a small cache of
 * recent records' frames): after a gateway died, thousands of its clients recover the same channels from about the
 * same positions. Each form of a record is built when the first session needing it comes (as stored when it accepts
 * the payload's encoding, else inflated).
 */
final class RecoveryReader implements Recoveries, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryReader.class);
    /** Returns early as soon as records arrive or the position moves past transaction markers. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);

    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait when every job is held back by its session's queue or by the live reader. */
    private static final Duration BACKOFF = Duration.ofMillis(1);
    /** How long to wait for a command when no job can go on without one. */
    private static final Duration IDLE_WAIT = Duration.ofMillis(100);
    /** How long a job waits for a live reader that is behind its since before asking again. */
    private static final long LIVE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Frames one job may send in one turn before the next job's turn. */
    private static final int FRAMES_PER_TURN = 256;
    /** Bytes of stored records whose frames are kept for the next jobs that send them. */
    private static final long RECENT_FRAMES_BYTES = 16L * 1024 * 1024;

    private final Consumer<byte[], byte[]> consumer;
    private final Handover handover;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final ArrayDeque<RecoveryJob> jobs = new ArrayDeque<>();
    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();
    private final AvroSerde<Delivery> serde = SwitchboardSerdes.delivery();
    private final ReceiptNotices receipts = new ReceiptNotices();
    private final Cache<RecordAt, DeliveryFrames> recentFrames = Caffeine.newBuilder()
            .maximumWeight(RECENT_FRAMES_BYTES)
            .weigher((RecordAt record, DeliveryFrames frames) -> record.bytes())
            .executor(Runnable::run) // the recovery thread only: no pool thread for its upkeep
            .build();
    private final PollLoop<byte[], byte[]> loop;
    /** The one partition assigned, and the consumer's position in it (-1: unknown). Recovery thread only. */
    private TopicPartition assigned;

    private long positioned = -1;

    RecoveryReader(Consumer<byte[], byte[]> consumer, Handover handover) {
        this.consumer = consumer;
        this.handover = handover;
        // a failed turn is a bug (a job's failure is handled in its turn): logged, and every other recovery goes on
        this.loop = new PollLoop<>("gateway-recovery", consumer, this::runOnce, "recovery-loop-failed", () -> {});
    }

    void start() {
        loop.start();
    }

    @Override
    public void start(RecoveryJob job) {
        commands.add(() -> jobs.add(job));
    }

    @Override
    public void livePosition(RecoveryJob job, long position) {
        commands.add(() -> job.livePositionIs(position, System.nanoTime(), LIVE_RETRY_NANOS));
    }

    private void runOnce() throws InterruptedException {
        if (!step()) {
            awaitCommand(waitsOnlyForCommands() ? IDLE_WAIT : BACKOFF);
        }
    }

    /** No job, or every job waits for the delivery thread's answer, which comes as a command. */
    private boolean waitsOnlyForCommands() {
        return jobs.stream().allMatch(job -> job.phase() == RecoveryJob.Phase.HANDING_OVER);
    }

    private void awaitCommand(Duration wait) throws InterruptedException {
        Runnable command = commands.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (command != null) {
            command.run();
        }
    }

    /** Applies waiting commands, then gives every job one turn; false when none could do anything. */
    boolean step() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        boolean progress = false;
        for (int turns = jobs.size(); turns > 0; turns--) {
            RecoveryJob job = jobs.poll();
            if (job.isOver() || !job.session().isOpen()) {
                continue; // handed over or cancelled; a closed session's job is cancelled by the delivery thread
            }
            progress |= turn(job);
            jobs.add(job);
        }
        return progress;
    }

    int jobCount() {
        return jobs.size();
    }

    private boolean turn(RecoveryJob job) {
        try {
            return switch (job.phase()) {
                case NEW -> begin(job);
                case READING -> read(job);
                case HANDING_OVER -> false;
                case WAITING_FOR_LIVE -> job.retryDue(System.nanoTime()) && askHandover(job);
            };
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            failed(job, e);
            return true;
        }
    }

    /** Checks that since can be honoured, then says subscribed (recovered) and starts reading, or asks for live only. */
    private boolean begin(RecoveryJob job) {
        TopicPartition partition = job.partition();
        long logStart =
                consumer.beginningOffsets(List.of(partition), OFFSETS_TIMEOUT).get(partition);
        long logEnd = consumer.endOffsets(List.of(partition), OFFSETS_TIMEOUT).get(partition);
        OptionalLong start = RecoveryJob.startOffset(job.since(), logStart, logEnd);
        if (start.isEmpty()) {
            LOG.debug("recovery-refused: {}: retained {}..{}", job, logStart, logEnd);
            job.handingOver();
            handover.activateNow(job);
        } else if (job.begin(start.getAsLong(), logStart)) {
            LOG.debug("recovery-started: {} from {} to {}", job, start.getAsLong(), job.target());
        }
        return true;
    }

    /** Sends what was read, reading on when all of it is sent; false when the session's queue held it back. */
    private boolean read(RecoveryJob job) {
        if (job.caughtUp()) {
            return askHandover(job);
        }
        boolean fetched = false;
        if (!job.hasUnsent()) {
            fetch(job);
            fetched = true;
        }
        return send(job) > 0 || fetched;
    }

    private boolean askHandover(RecoveryJob job) {
        job.handingOver();
        handover.activateAt(job, job.handOverAt());
        return true;
    }

    /**
     * Reads the next records of the job's partition, from where the job is, and hands them to every other job of that
     * partition that waits for exactly these: after a gateway died, thousands of its clients recover the same channels
     * from about the same positions, and one read serves them all instead of one read each.
     */
    private void fetch(RecoveryJob job) {
        TopicPartition partition = job.partition();
        if (!partition.equals(assigned)) {
            consumer.assign(List.of(partition));
            assigned = partition;
            positioned = -1;
        }
        long from = job.next();
        if (positioned != from) {
            consumer.seek(partition, from);
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        positioned = consumer.position(partition);
        List<ConsumerRecord<byte[], byte[]>> read = records.records(partition);
        job.read(read, positioned);
        for (RecoveryJob other : jobs) {
            if (other.wants(partition, from, positioned)) {
                other.read(read, positioned);
            }
        }
    }

    /** Sends what the job has read while the session has room, at most a turn's worth; returns how many. */
    private int send(RecoveryJob job) {
        int sent = 0;
        while (sent < FRAMES_PER_TURN && job.hasUnsent() && job.session().hasRoomToCatchUp()) {
            Frame frame = frameOf(job.takeUnsent(), job);
            if (frame != null && !job.send(frame)) {
                break; // cancelled
            }
            sent++;
        }
        return sent;
    }

    private Frame frameOf(ConsumerRecord<byte[], byte[]> record, RecoveryJob job) {
        if (ReceiptNotices.isNotice(record)) {
            return receipts.frameOf(record); // a receipt the publisher was away for; null (logged) when unreadable
        }
        String reason;
        try {
            DeliveryFrames frames = recentFrames.get(
                    RecordAt.of(record, job.epoch()),
                    at -> encoder.frames(serde.decode(record.value()), record.offset(), job.epoch()));
            Frame frame = frames.frameFor(job.session().acceptedEncodings());
            if (frame != null) {
                return frame;
            }
            reason = frames.failure().orElse("no frame");
        } catch (RuntimeException e) {
            reason = e.toString();
        }
        LOG.warn(
                "delivery-invalid: skipping {}-{}@{} for {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                job,
                reason);
        return null;
    }

    /**
     * Before the subscribed frame the client gets the live stream only ({@code recovered: false}); after it, a gap
     * (retention overtook the job, the topic is gone) would be silent, so the connection is closed: the client
     * resumes and is told then.
     */
    private void failed(RecoveryJob job, RuntimeException e) {
        assigned = null; // the consumer's state is unknown: assign and seek afresh
        if (!job.isAnnounced()) {
            LOG.warn("recovery-failed: {}: live only: {}", job, e.toString());
            job.handingOver();
            handover.activateNow(job);
            return;
        }
        LOG.warn("recovery-failed: {}: closing the connection: {}", job, e.toString());
        if (job.cancel()) {
            handover.abandon(job);
            job.session().close(CloseReason.INTERNAL_ERROR);
        }
    }

    /** A record as an epoch's position, with its stored size (the weight of its frames in the cache). */
    private record RecordAt(TopicPartition partition, long offset, String epoch, int bytes) {
        static RecordAt of(ConsumerRecord<byte[], byte[]> record, String epoch) {
            return new RecordAt(
                    new TopicPartition(record.topic(), record.partition()),
                    record.offset(),
                    epoch,
                    record.value() == null ? 0 : record.value().length);
        }
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() {
        loop.close();
    }
}
