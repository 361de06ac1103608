package io.switchboard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.OutboundQueue.Offer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    @Test
    void startsTheWriterOnlyForTheFirstFrameOfATurn() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);

        assertThat(queue.offer(frame(10))).isEqualTo(Offer.START_WRITING);
        assertThat(queue.offer(frame(10))).isEqualTo(Offer.QUEUED);
    }

    @Test
    void coalescesEverythingQueuedDuringAWriteIntoTheNextBatch() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        Frame first = frame(1);
        queue.offer(first);
        assertThat(queue.takeBatch()).containsExactly(first);

        Frame a = frame(2);
        Frame b = frame(3);
        Frame c = frame(4);
        assertThat(queue.offer(a)).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(b)).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(c)).isEqualTo(Offer.QUEUED);

        assertThat(queue.takeBatch()).containsExactly(a, b, c);
        assertThat(queue.takeBatch()).isEmpty();
        assertThat(queue.offer(frame(5))).as("a new turn after an empty take").isEqualTo(Offer.START_WRITING);
    }

    @Test
    void overflowsOnTheFrameBoundAndSignalsItOnce() {
        OutboundQueue queue = SessionFixtures.queue(1_000_000, 3);
        queue.offer(frame(1));
        queue.takeBatch(); // a batch in flight that never completes: a client that does not read
        for (int i = 0; i < 3; i++) {
            assertThat(queue.offer(frame(1))).isEqualTo(Offer.QUEUED);
        }

        assertThat(queue.offer(frame(1))).isEqualTo(Offer.OVERFLOW);
        assertThat(queue.offer(frame(1))).isEqualTo(Offer.CLOSED);
        assertThat(queue.queuedFrames()).isZero();
        assertThat(queue.queuedBytes()).isZero();
        assertThat(queue.takeBatch()).as("queued frames are dropped").isEmpty();
    }

    @Test
    void overflowsOnTheByteBound() {
        OutboundQueue queue = SessionFixtures.queue(100, 1000);
        queue.offer(frame(60));
        assertThat(queue.queuedBytes()).isEqualTo(60);
        assertThat(queue.offer(frame(40))).isEqualTo(Offer.QUEUED);
        assertThat(queue.queuedBytes()).isEqualTo(100);

        assertThat(queue.offer(frame(1))).isEqualTo(Offer.OVERFLOW);
        assertThat(queue.isClosed()).isTrue();
    }

    @Test
    void takesOneFrameLargerThanTheByteBoundIntoAnEmptyQueue() {
        OutboundQueue queue = SessionFixtures.queue(100, 1000);

        assertThat(queue.offer(frame(500))).isEqualTo(Offer.START_WRITING);
        assertThat(queue.offer(frame(1))).isEqualTo(Offer.OVERFLOW);
    }

    @Test
    void countsOnlyFramesWaitingNotTheBatchInFlight() {
        OutboundQueue queue = SessionFixtures.queue(100, 2);
        queue.offer(frame(80));
        queue.offer(frame(10));
        queue.takeBatch();

        assertThat(queue.offer(frame(80))).isEqualTo(Offer.QUEUED);
        assertThat(queue.offer(frame(20))).isEqualTo(Offer.QUEUED);
    }

    @Test
    void dropsEverythingOnceClosed() {
        OutboundQueue queue = SessionFixtures.queue(100, 10);
        queue.offer(frame(1));
        queue.offer(frame(1));

        queue.close();

        assertThat(queue.offer(frame(1))).isEqualTo(Offer.CLOSED);
        assertThat(queue.takeBatch()).isEmpty();
    }

    private static Frame frame(int size) {
        return Frame.binary(new byte[size]);
    }

    @Test
    void keepsAQueueOverItsBoundsWhileItsSocketTakesEveryBatch() {
        AtomicLong now = new AtomicLong();
        OutboundQueue queue = new OutboundQueue(100, 1000, watch(now, () -> 0), new OutboundBacklog());
        queue.offer(frame(10));
        queue.takeBatch();
        queue.offer(frame(10));
        assertThat(queue.batchWritten()).isTrue();
        now.addAndGet(Duration.ofSeconds(5).toNanos()); // the writer's next turn comes late: the gateway is behind

        for (int i = 0; i < 20; i++) {
            assertThat(queue.offer(frame(100)))
                    .as("over the bounds, but no batch waits for the socket")
                    .isEqualTo(Offer.QUEUED);
        }
        assertThat(queue.takeBatch()).hasSize(21);
        assertThat(queue.isClosed()).isFalse();
    }

    @Test
    void overflowsOnceTheBatchInFlightHasWaitedForItsSocketForTheGrace() {
        AtomicLong now = new AtomicLong();
        OutboundQueue queue = new OutboundQueue(100, 1000, watch(now, () -> 0), new OutboundBacklog());
        queue.offer(frame(10));
        queue.takeBatch(); // handed to a socket that never takes it
        queue.offer(frame(100));
        now.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(queue.offer(frame(100))).as("within the grace").isEqualTo(Offer.QUEUED);

        now.addAndGet(Duration.ofMillis(1).toNanos());

        assertThat(queue.offer(frame(1))).isEqualTo(Offer.OVERFLOW);
    }

    @Test
    void doesNotCountTheTimeItsWriterThreadIsBehindAsAStall() {
        AtomicLong now = new AtomicLong();
        AtomicLong lag = new AtomicLong(Duration.ofSeconds(2).toNanos());
        OutboundQueue queue = new OutboundQueue(100, 1000, watch(now, lag::get), new OutboundBacklog());
        queue.offer(frame(10));
        queue.takeBatch();
        queue.offer(frame(100));
        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(queue.offer(frame(100)))
                .as("the batch waited no longer than its I/O thread is behind")
                .isEqualTo(Offer.QUEUED);

        lag.set(0);
        assertThat(queue.offer(frame(1))).isEqualTo(Offer.OVERFLOW);
    }

    @Test
    void shedsAStalledQueueOverItsBoundsWithoutAnOffer() {
        AtomicLong now = new AtomicLong();
        OutboundQueue queue = new OutboundQueue(100, 1000, watch(now, () -> 0), new OutboundBacklog());
        queue.offer(frame(10));
        queue.takeBatch();
        queue.offer(frame(60));
        queue.offer(frame(60));
        assertThat(queue.overflowIfStalled()).as("within the grace").isFalse();

        now.addAndGet(Duration.ofMillis(250).toNanos());

        assertThat(queue.overflowIfStalled()).isTrue();
        assertThat(queue.isClosed()).isTrue();
        assertThat(queue.overflowIfStalled()).as("once").isFalse();
    }

    @Test
    void countsWaitingFramesInTheGatewaysBacklogUntilTakenOrDropped() {
        OutboundBacklog backlog = new OutboundBacklog();
        OutboundQueue first = new OutboundQueue(1000, 100, SessionFixtures.strictStall(), backlog);
        OutboundQueue second = new OutboundQueue(1000, 100, SessionFixtures.strictStall(), backlog);
        first.offer(frame(10));
        first.offer(frame(20));
        second.offer(frame(5));
        assertThat(backlog.bytes()).isEqualTo(35);

        first.takeBatch();
        assertThat(backlog.bytes()).isEqualTo(5);
        first.offer(frame(7));
        second.close();
        assertThat(backlog.bytes()).isEqualTo(7);
        assertThat(first.closeAndTakeRest()).hasSize(1);
        assertThat(backlog.bytes()).isZero();
    }

    @Test
    void handsBackWhatIsQueuedWhenClosingAfterIt() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        Frame inFlight = frame(1);
        Frame a = frame(2);
        Frame b = frame(3);
        queue.offer(inFlight);
        queue.takeBatch();
        queue.offer(a);
        queue.offer(b);

        assertThat(queue.closeAndTakeRest()).containsExactly(a, b);
        assertThat(queue.offer(frame(4))).isEqualTo(Offer.CLOSED);
        assertThat(queue.closeAndTakeRest()).isEmpty();
    }

    @Test
    void endsTheWritersTurnWhenNothingWaitedDuringItsBatch() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        queue.offer(frame(1));
        queue.takeBatch();

        assertThat(queue.batchWritten()).as("nothing to come back for").isFalse();
        assertThat(queue.offer(frame(1))).isEqualTo(Offer.START_WRITING);
    }

    @Test
    void keepsTheWritersTurnWhenFramesWaitedDuringItsBatch() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        queue.offer(frame(1));
        queue.takeBatch();
        assertThat(queue.offer(frame(2))).isEqualTo(Offer.QUEUED);

        assertThat(queue.batchWritten()).isTrue();
        assertThat(queue.offer(frame(3))).isEqualTo(Offer.QUEUED);
        assertThat(queue.takeBatch()).extracting(Frame::size).containsExactly(2, 3);
    }

    @Test
    void countsAFinishedBatchAsWrittenBeforeTheWriterComesBack() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        queue.offer(frame(1).at("metrics", new Position(7, "T:0")));
        queue.takeBatch();

        queue.batchWritten();

        assertThat(queue.writtenPositions()).containsEntry("metrics", new Position(7, "T:0"));
        queue.takeBatch();
        assertThat(queue.writtenPositions()).containsEntry("metrics", new Position(7, "T:0"));
    }

    private static StallWatch watch(AtomicLong now, LongSupplier lag) {
        return new StallWatch(Duration.ofMillis(250), now::get, lag);
    }

    @Test
    void countsAFramesPositionAsWrittenOnlyWhenTheWriterComesBackAfterItsBatch() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        queue.offer(frame(1).at("metrics", new Position(7, "T:0")));
        queue.offer(frame(1).at("metrics", new Position(9, "T:0")));
        queue.offer(frame(1).at("status", new Position(2, "T:1")));
        queue.offer(frame(1));
        assertThat(queue.writtenPositions()).as("queued").isEmpty();

        queue.takeBatch();
        assertThat(queue.writtenPositions()).as("in flight").isEmpty();
        queue.offer(frame(1).at("metrics", new Position(12, "T:0")));
        queue.takeBatch();

        assertThat(queue.writtenPositions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("metrics", new Position(9, "T:0"), "status", new Position(2, "T:1")));
        queue.takeBatch();
        assertThat(queue.writtenPositions()).containsEntry("metrics", new Position(12, "T:0"));
    }

    @Test
    void neverCountsTheBatchInFlightWhenTheConnectionClosesDuringIt() {
        OutboundQueue queue = SessionFixtures.queue(1000, 10);
        queue.offer(frame(1).at("metrics", new Position(7, "T:0")));
        queue.takeBatch();

        queue.close(); // the writer fails and never comes back

        assertThat(queue.writtenPositions()).isEmpty();
    }

    @Test
    void isBelowHalfOnlyWhileBothFramesAndBytesAreUnderHalfTheirBounds() {
        OutboundQueue byFrames = SessionFixtures.queue(1000, 4);
        assertThat(byFrames.isBelowHalf()).isTrue();
        byFrames.offer(frame(1));
        assertThat(byFrames.isBelowHalf()).isTrue();
        byFrames.offer(frame(1));
        assertThat(byFrames.isBelowHalf()).as("2 of 4 frames").isFalse();
        byFrames.takeBatch();
        assertThat(byFrames.isBelowHalf())
                .as("the batch in flight does not count")
                .isTrue();

        OutboundQueue byBytes = SessionFixtures.queue(100, 1000);
        byBytes.offer(frame(49));
        assertThat(byBytes.isBelowHalf()).isTrue();
        byBytes.offer(frame(1));
        assertThat(byBytes.isBelowHalf()).as("50 of 100 bytes").isFalse();
    }
}
