package io.switchboard.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceNotice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The copy loop against a mock consumer: what is copied, in which order, and where it stops. */
class ReplayerTest {
    private static final TopicPartition SOURCE = new TopicPartition("switchboard.out.forum_threads", 1);
    private static final ReplayTarget TO_ALICE = new ReplayTarget("switchboard.out.user", "user:alice");

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("none");
    private final RecordingWriter writer = new RecordingWriter();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void copiesTheChannelsOriginalsInOrderAndStopsBeforeTheEnd() {
        consumer.updateBeginningOffsets(Map.of(SOURCE, 0L));
        add(10, "forum_threads:42", delivery("forum_threads:42", "a", false));
        add(11, "forum_threads:7", delivery("forum_threads:7", "b", false));
        add(12, "forum_threads:42", delivery("forum_threads:42", "c", true));
        add(14, "forum_threads:42", "not avro".getBytes(StandardCharsets.UTF_8));
        add(15, "forum_threads:42", delivery("forum_threads:42", "d", false));
        add(16, "forum_threads:42", delivery("forum_threads:42", "e", false));

        ReplayCounts counts = replayer().run(window(10, 16), "forum_threads:42", TO_ALICE, 2);

        assertThat(writer.copies).extracting(copy -> decode(copy).getEventId()).containsExactly("a", "d");
        assertThat(writer.copies).allSatisfy(copy -> {
            assertThat(copy.topic()).isEqualTo("switchboard.out.user");
            assertThat(copy.partition()).isEqualTo(2);
            assertThat(copy.key()).isEqualTo("user:alice");
            assertThat(copy.timestamp()).as("stamped by the producer, now").isNull();
            assertThat(decode(copy).getChannel()).isEqualTo("user:alice");
            assertThat(decode(copy).getReplayed()).isTrue();
        });
        assertThat(writer.copies.get(1).headers().lastHeader(PublishHeaders.GATEWAY))
                .isNull();
        assertThat(counts.scannedCount()).isEqualTo(5);
        assertThat(counts.matchedCount()).isEqualTo(2);
        assertThat(counts.earlierReplayCount()).isEqualTo(1);
        assertThat(counts.unreadableCount()).isEqualTo(1);
        assertThat(counts.firstCopied()).hasValue(10);
        assertThat(counts.lastCopied()).hasValue(15);
        assertThat(writer.flushed).isTrue();
    }

    @Test
    void countsTheChannelsPresenceNoticesApartAndNeverCopiesThem() {
        consumer.updateBeginningOffsets(Map.of(SOURCE, 0L));
        add(10, "forum_threads:42", delivery("forum_threads:42", "a", false));
        addNotice(11, "forum_threads:42", PresenceKind.JOIN);
        addNotice(12, "forum_threads:7", PresenceKind.JOIN);
        add(13, "forum_threads:42", delivery("forum_threads:42", "b", false));
        addNotice(14, "forum_threads:42", PresenceKind.LEAVE);

        ReplayCounts counts = replayer().run(window(10, 15), "forum_threads:42", TO_ALICE, 0);

        assertThat(writer.copies).extracting(copy -> decode(copy).getEventId()).containsExactly("a", "b");
        assertThat(counts.scannedCount()).isEqualTo(5);
        assertThat(counts.matchedCount()).isEqualTo(2);
        assertThat(counts.presenceNoticeCount()).isEqualTo(2);
        assertThat(counts.unreadableCount())
                .as("a notice is no unreadable delivery")
                .isZero();
    }

    @Test
    void anEmptyWindowReadsNothingAndEnds() {
        ReplayCounts counts = replayer().run(window(20, 20), "forum_threads:42", TO_ALICE, 0);

        assertThat(counts.scannedCount()).isZero();
        assertThat(writer.copies).isEmpty();
    }

    @Test
    void readingThatStopsMovingFailsOnceTheStallTimeoutHasPassed() {
        consumer.updateBeginningOffsets(Map.of(SOURCE, 0L));
        add(10, "forum_threads:42", delivery("forum_threads:42", "a", false));
        // Each read of the clock is 10 s later: the position stays at 11, short of the end 20.
        Replayer replayer = new Replayer(
                consumer, writer, progress(), () -> clock.addAndGet(10_000_000_000L), Duration.ofSeconds(30));

        assertThatIllegalStateException()
                .isThrownBy(() -> replayer.run(window(10, 20), "forum_threads:42", TO_ALICE, 0))
                .withMessageContaining("stalled at offset 11")
                .withMessageContaining("30 s");
        assertThat(writer.copies).hasSize(1);
    }

    private Replayer replayer() {
        return new Replayer(consumer, writer, progress(), clock::get, Duration.ofSeconds(30));
    }

    private ReplayProgress progress() {
        return new ReplayProgress(new PrintWriter(new StringWriter()), clock::get, Duration.ofSeconds(1), false);
    }

    private static ReplayWindow window(long from, long to) {
        return new ReplayWindow(SOURCE, from, to, List.of());
    }

    private void add(long offset, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(PublishHeaders.GATEWAY, "gw-1".getBytes(StandardCharsets.UTF_8));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(
                SOURCE.topic(),
                SOURCE.partition(),
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                value.length,
                key,
                value,
                headers,
                java.util.Optional.empty())));
    }

    private void addNotice(long offset, String channel, PresenceKind kind) {
        byte[] value = SwitchboardSerdes.presenceNotice()
                .encode(new PresenceNotice(channel, "bob", kind, Instant.ofEpochMilli(1763800000123L)));
        RecordHeaders headers = new RecordHeaders();
        headers.add(PresenceHeader.KEY, PresenceHeader.value(kind));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(
                SOURCE.topic(),
                SOURCE.partition(),
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                value.length,
                channel,
                value,
                headers,
                java.util.Optional.empty())));
    }

    private static byte[] delivery(String channel, String eventId, boolean replayed) {
        Delivery delivery = DeliveryCopiesTest.delivery(channel, replayed);
        delivery.setEventId(eventId);
        return SwitchboardSerdes.delivery().encode(delivery);
    }

    private static Delivery decode(ProducerRecord<String, byte[]> copy) {
        return SwitchboardSerdes.delivery().decode(copy.value());
    }

    /** Keeps the copies instead of writing them. */
    private static final class RecordingWriter implements CopyWriter {
        final List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
        boolean flushed;

        @Override
        public void send(ProducerRecord<String, byte[]> copy) {
            copies.add(copy);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public long written() {
            return copies.size();
        }

        @Override
        public OptionalLong firstOffset() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong lastOffset() {
            return OptionalLong.empty();
        }
    }
}
