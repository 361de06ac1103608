package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.PresenceKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecoveryJobTest {
    private static final TopicPartition PARTITION = new TopicPartition("out.forum_threads", 0);

    @Test
    void startsAfterSinceWhileTheNextRecordIsRetained() {
        assertThat(RecoveryJob.startOffset(new Position(9, "T:0"), 5, 20)).hasValue(10);
        assertThat(RecoveryJob.startOffset(new Position(4, "T:0"), 5, 20)).hasValue(5);
        assertThat(RecoveryJob.startOffset(new Position(19, "T:0"), 5, 20))
                .as("nothing to replay")
                .hasValue(20);
        assertThat(RecoveryJob.startOffset(new Position(-1, "T:0"), 0, 20)).hasValue(0);
    }

    @Test
    void refusesASinceWhoseNextRecordIsGoneOrThatLiesBeyondTheLog() {
        assertThat(RecoveryJob.startOffset(new Position(3, "T:0"), 5, 20)).isEmpty();
        assertThat(RecoveryJob.startOffset(new Position(-1, "T:0"), 1, 20)).isEmpty();
        assertThat(RecoveryJob.startOffset(new Position(20, "T:0"), 5, 20)).isEmpty();
        assertThat(RecoveryJob.startOffset(new Position(Long.MAX_VALUE, "T:0"), 5, 20))
                .isEmpty();
    }

    @Test
    void readsAnInboxFromWhatIsRetainedWhateverTheEpoch() {
        assertThat(RecoveryJob.startOffset(new Position(-1, ""), 5, 20)).hasValue(5);
        assertThat(RecoveryJob.startOffset(new Position(9, ""), 5, 20)).hasValue(10);
        assertThat(RecoveryJob.startOffset(new Position(99, ""), 5, 20)).hasValue(20);
    }

    @Test
    void saysRecoveredAndStartsAfterSinceWhenItBegins() {
        List<Activation> activations = new ArrayList<>();
        RecoveryJob job = job(new Position(9, "T:0"), 25, activations);

        assertThat(job.begin(10, 10)).isTrue();

        assertThat(activations).containsExactly(new Activation(new Position(24, "T:0"), true, new Position(9, "T:0")));
        assertThat(job.next()).isEqualTo(10);
        assertThat(job.target()).isEqualTo(25);
    }

    @Test
    void keepsOnlyTheChannelsRecordsBeforeTheTarget() {
        RecoveryJob job = job(new Position(9, "T:0"), 14, new ArrayList<>());
        job.begin(10, 10);

        job.read(
                LongStream.range(10, 17)
                        .mapToObj(o -> record(o, o % 2 == 0 ? "forum_threads:1" : "forum_threads:2"))
                        .toList(),
                17);

        List<Long> kept = new ArrayList<>();
        while (job.hasUnsent()) {
            kept.add(job.takeUnsent().offset());
        }
        assertThat(kept).containsExactly(10L, 12L);
        assertThat(job.next()).as("at the target, not past it").isEqualTo(14);
        assertThat(job.caughtUp()).isTrue();
    }

    @Test
    void readsTheRecordsBeforeSinceForTheirSourcesOnlyAndDropsTheirCopiesAfterIt() {
        RecoveryJob job = job(new Position(9, "T:0"), 14, new ArrayList<>());
        job.begin(10, 0);
        assertThat(job.next()).as("the seed window, bounded by the log start").isEqualTo(0);

        // 8 and 9 the client has (events 1:40 and 1:41); a processor crash routed 1:41 again at 11, then 1:42
        job.read(
                List.of(
                        sourced(8, "forum_threads:1", 1, 40),
                        sourced(9, "forum_threads:2", 1, 41),
                        sourced(10, "forum_threads:1", 0, 7),
                        sourced(11, "forum_threads:1", 1, 41),
                        sourced(12, "forum_threads:1", 1, 42),
                        record(13, "forum_threads:1")),
                14);

        List<Long> kept = new ArrayList<>();
        while (job.hasUnsent()) {
            kept.add(job.takeUnsent().offset());
        }
        assertThat(kept).containsExactly(10L, 12L, 13L);
        SourceWatermarks live = new SourceWatermarks();
        live.merge(job.sources());
        assertThat(live.pass(sourced(20, "forum_threads:1", 1, 42).headers()))
                .as("a copy of what the job sent, after the hand-over")
                .isFalse();
        assertThat(live.pass(sourced(21, "forum_threads:1", 1, 43).headers())).isTrue();
    }

    @Test
    void skipsTheChannelsPresenceNoticesAndReachesTheTargetPastThem() {
        RecoveryJob job = job(new Position(9, "T:0"), 14, new ArrayList<>());
        job.begin(10, 10);

        job.read(
                List.of(
                        record(10, "forum_threads:1"),
                        notice(11, "forum_threads:1"),
                        record(12, "forum_threads:1"),
                        notice(13, "forum_threads:1")),
                14);

        List<Long> kept = new ArrayList<>();
        while (job.hasUnsent()) {
            kept.add(job.takeUnsent().offset());
        }
        assertThat(kept).containsExactly(10L, 12L);
        assertThat(job.caughtUp())
                .as("a notice before the target still counts as read")
                .isTrue();
        assertThat(job.handOverAt()).isEqualTo(14);
    }

    @Test
    void readsOnWhenTheLivePositionMovedAndWaitsWhenItIsBehind() {
        RecoveryJob job = job(new Position(9, "T:0"), 14, new ArrayList<>());
        job.begin(10, 10);
        job.read(List.of(), 14);
        job.handingOver();

        job.livePositionIs(20, 0, 5);
        assertThat(job.phase()).isEqualTo(RecoveryJob.Phase.READING);
        assertThat(job.target()).isEqualTo(20);

        job.read(List.of(), 20);
        job.handingOver();
        job.livePositionIs(18, 100, 5);
        assertThat(job.phase()).isEqualTo(RecoveryJob.Phase.WAITING_FOR_LIVE);
        assertThat(job.retryDue(104)).isFalse();
        assertThat(job.retryDue(105)).isTrue();
    }

    @Test
    void sendsNothingAndDoesNotBeginOnceCancelled() {
        List<Activation> activations = new ArrayList<>();
        RecoveryJob job = job(new Position(9, "T:0"), 25, activations);

        assertThat(job.cancel()).isTrue();

        assertThat(job.cancel()).isFalse();
        assertThat(job.begin(10, 10)).isFalse();
        assertThat(job.send(io.switchboard.gateway.protocol.Frame.text("x"))).isFalse();
        assertThat(activations).isEmpty();
    }

    private static RecoveryJob job(Position since, long live, List<Activation> activations) {
        TestSession session = new TestSession("c-1", 100);
        return new RecoveryJob(
                session.session,
                "forum_threads:1",
                since,
                new GrantedPartition("forum_threads", PARTITION, "T:0", live),
                activations::add,
                GatewayMetrics.noop());
    }

    private static ConsumerRecord<byte[], byte[]> sourced(long offset, String key, int partition, long sourceOffset) {
        ConsumerRecord<byte[], byte[]> record = record(offset, key);
        record.headers().add(SourceHeader.KEY, SourceHeader.value(partition, sourceOffset, 0));
        return record;
    }

    private static ConsumerRecord<byte[], byte[]> notice(long offset, String key) {
        ConsumerRecord<byte[], byte[]> record = record(offset, key);
        record.headers().add(PresenceHeader.KEY, PresenceHeader.value(PresenceKind.JOIN));
        return record;
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key) {
        return new ConsumerRecord<>(
                PARTITION.topic(), PARTITION.partition(), offset, key.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
}
