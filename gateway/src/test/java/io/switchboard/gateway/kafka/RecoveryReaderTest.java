package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.FrameText;
import io.switchboard.gateway.protocol.Position;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The recovery thread's side, driven step by step over an in-memory partition log. */
class RecoveryReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "forum_threads:1";
    private static final String OTHER = "forum_threads:2";
    private static final TopicPartition PARTITION = new TopicPartition("out.forum_threads", 0);

    private final LogConsumer log = new LogConsumer(PARTITION, 7);
    private final RecordingHandover handover = new RecordingHandover();
    private final RecoveryReader reader = new RecoveryReader(log, handover);

    RecoveryReaderTest() {
        // offsets 0..29, every third one another channel's, 30 a transaction marker
        for (long offset = 0; offset < 30; offset++) {
            log.append(offset, offset % 3 == 2 ? OTHER : CHANNEL);
        }
        log.endAt(31);
    }

    @Test
    void saysRecoveredThenSendsTheChannelsRecordsAfterSinceUpToTheLivePositionAndAsksForTheHandOverThere() {
        TestSession alice = new TestSession("c-alice", 1000);
        RecoveryJob job = job(alice, new Position(9, "T:0"), 25);

        reader.start(job);
        stepUntilHandoverAsked(1);

        List<JsonNode> frames = json(alice.frames());
        assertThat(frames.get(0).toString())
                .isEqualTo("{\"type\":\"subscribed\",\"channel\":\"forum_threads:1\","
                        + "\"position\":{\"offset\":24,\"epoch\":\"T:0\"},\"recovered\":true}");
        assertThat(offsets(frames)).containsExactlyElementsOf(channelOffsets(10, 25));
        assertThat(handover.calls).containsExactly("at 25");
    }

    @Test
    void readsOnWhileTheLivePositionMovesAndSendsEachRecordOnce() {
        TestSession alice = new TestSession("c-alice", 1000);
        RecoveryJob job = job(alice, new Position(9, "T:0"), 25);
        reader.start(job);
        stepUntilHandoverAsked(1);

        reader.livePosition(job, 28);
        stepUntilHandoverAsked(2);
        reader.livePosition(job, 31);
        stepUntilHandoverAsked(3);

        assertThat(handover.calls).containsExactly("at 25", "at 28", "at 31");
        assertThat(offsets(json(alice.frames()))).containsExactlyElementsOf(channelOffsets(10, 30));
    }

    @Test
    void asksForLiveOnlyWhenTheRecordAfterSinceIsNoLongerRetained() {
        TestSession alice = new TestSession("c-alice", 1000);
        log.startAt(12);

        reader.start(job(alice, new Position(9, "T:0"), 25));
        reader.step();

        assertThat(handover.calls).containsExactly("now");
        assertThat(alice.frames())
                .as("the delivery thread says subscribed, recovered false")
                .isEmpty();
    }

    @Test
    void sendsOnlyWhileTheSessionsQueueIsBelowHalfItsBoundsAndNeverOverflowsIt() {
        TestSession alice = new TestSession("c-alice", 6);
        reader.start(job(alice, new Position(-1, "T:0"), 31));

        List<String> taken = new ArrayList<>();
        while (handover.calls.isEmpty()) {
            reader.step();
            List<Frame> batch = alice.queue.takeBatch();
            assertThat(batch).hasSizeLessThanOrEqualTo(3);
            taken.addAll(batch.stream().map(FrameText::of).toList());
        }

        assertThat(alice.transport.closes).isEmpty();
        assertThat(offsets(json(taken.subList(1, taken.size())))).containsExactlyElementsOf(channelOffsets(0, 30));
    }

    @Test
    void sharesTheReaderBetweenJobsInTurns() {
        TestSession alice = new TestSession("c-alice", 1000);
        TestSession bob = new TestSession("c-bob", 1000);
        reader.start(job(alice, new Position(4, "T:0"), 31));
        reader.start(job(bob, new Position(19, "T:0"), 31));

        stepUntilHandoverAsked(2);

        assertThat(offsets(json(alice.frames()))).containsExactlyElementsOf(channelOffsets(5, 30));
        assertThat(offsets(json(bob.frames()))).containsExactlyElementsOf(channelOffsets(20, 30));
    }

    @Test
    void recoversManySessionsOfOnePartitionFromSharedReads() {
        List<TestSession> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestSession session = new TestSession("c-" + i, 1000);
            sessions.add(session);
            reader.start(job(session, new Position(9 + i % 3, "T:0"), 25));
        }

        stepUntilHandoverAsked(20);

        for (int i = 0; i < 20; i++) {
            assertThat(offsets(json(sessions.get(i).frames())))
                    .containsExactlyElementsOf(channelOffsets(10 + i % 3, 25));
        }
        // one job alone reads offsets 0..24 (the seed window, then its own) 7 at a time: 4 polls; 20 jobs share them
        assertThat(log.polls()).isLessThan(20);
    }

    @Test
    void waitsForALiveReaderThatIsBehindSinceAndAsksAgain() {
        TestSession alice = new TestSession("c-alice", 1000);
        RecoveryJob job = job(alice, new Position(27, "T:0"), 25);
        reader.start(job);
        stepUntilHandoverAsked(1);
        assertThat(handover.calls).containsExactly("at 28");

        reader.livePosition(job, 26);

        stepUntilHandoverAsked(2);
        assertThat(handover.calls).containsExactly("at 28", "at 28");
        assertThat(offsets(json(alice.frames()))).isEmpty();
    }

    @Test
    void stopsSendingAndDropsAJobOnceItIsCancelled() {
        TestSession alice = new TestSession("c-alice", 1000);
        RecoveryJob job = job(alice, new Position(-1, "T:0"), 31);
        reader.start(job);
        reader.step();
        reader.step();
        int sent = alice.frames().size();

        job.cancel();
        reader.step();
        reader.step();

        assertThat(alice.frames()).hasSize(sent);
        assertThat(reader.jobCount()).isZero();
    }

    @Test
    void closesTheConnectionWhenRetentionOvertakesARecoveryAfterItSaidRecovered() {
        TestSession alice = new TestSession("c-alice", 1000);
        RecoveryJob job = job(alice, new Position(-1, "T:0"), 31);
        reader.start(job);
        reader.step();
        log.startAt(20);

        reader.step();
        reader.step();

        assertThat(alice.transport.closes).containsExactly(CloseReason.INTERNAL_ERROR);
        assertThat(handover.calls).containsExactly("abandon");
        assertThat(job.isOver()).isTrue();
    }

    @Test
    void sendsCompressedRecordsAsStoredToARecoveringSessionThatAcceptsTheirEncodingAndInflatedToOthers() {
        LogConsumer compressedLog = new LogConsumer(PARTITION, 7);
        for (long offset = 0; offset < 4; offset++) {
            compressedLog.append(offset, CHANNEL, true);
        }
        RecoveryReader compressedReader = new RecoveryReader(compressedLog, handover);
        TestSession gzip = new TestSession("c-gzip", 1000, List.of("gzip"));
        TestSession plain = new TestSession("c-plain", 1000, List.of("zstd"));
        compressedReader.start(job(gzip, new Position(-1, "T:0"), 4));
        compressedReader.start(job(plain, new Position(-1, "T:0"), 4));

        await().atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    compressedReader.step();
                    return handover.calls.size() >= 2;
                });

        List<Frame> binary = gzip.takeFrames();
        assertThat(binary).hasSize(5); // subscribed, then the four records as stored
        assertThat(binary.subList(1, 5)).allSatisfy(frame -> {
            assertThat(frame.isBinary()).isTrue();
            ByteBuffer bytes = frame.payload();
            assertThat(bytes.get(2)).as("COMPRESSED_JSON").isEqualTo((byte) 0x04);
            assertThat(bytes.get(3)).as("gzip").isEqualTo((byte) 0x01);
        });
        assertThat(binary.subList(1, 5))
                .extracting(frame -> frame.position().offset())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(offsets(json(plain.frames()))).containsExactly(0L, 1L, 2L, 3L);
    }

    private void stepUntilHandoverAsked(int calls) {
        await().atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    reader.step();
                    return handover.calls.size() >= calls;
                });
    }

    private static RecoveryJob job(TestSession session, Position since, long live) {
        return new RecoveryJob(
                session.session,
                CHANNEL,
                since,
                new GrantedPartition("forum_threads", PARTITION, "T:0", live),
                session.subscribedFrames(CHANNEL),
                GatewayMetrics.noop());
    }

    /** The offsets of the channel's records in [from, to). */
    private static List<Long> channelOffsets(long from, long to) {
        return LongStream.range(from, to).filter(o -> o % 3 != 2).boxed().toList();
    }

    /** The offsets of the message frames, checking each frame's data and epoch match its offset. */
    private static List<Long> offsets(List<JsonNode> frames) {
        return frames.stream()
                .filter(frame -> frame.path("type").asText().equals("message"))
                .peek(frame -> {
                    assertThat(frame.path("data").path("n").asLong())
                            .isEqualTo(frame.path("offset").asLong());
                    assertThat(frame.path("epoch").asText()).isEqualTo("T:0");
                    assertThat(frame.path("channel").asText()).isEqualTo(CHANNEL);
                })
                .map(frame -> frame.path("offset").asLong())
                .toList();
    }

    private static List<JsonNode> json(List<String> frames) {
        return frames.stream()
                .map(text -> {
                    try {
                        return JSON.readTree(text);
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private static final class RecordingHandover implements Handover {
        final List<String> calls = new ArrayList<>();

        @Override
        public void activateAt(RecoveryJob job, long position) {
            calls.add("at " + position);
        }

        @Override
        public void activateNow(RecoveryJob job) {
            calls.add("now");
        }

        @Override
        public void abandon(RecoveryJob job) {
            calls.add("abandon");
        }
    }
}
