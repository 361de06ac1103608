package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.FrameText;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.RecordingTransport;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionFixtures;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.Receipt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Live fan-out of compressed records: each form built once, chosen per session by what its client announced. */
class RecordFanOutTest {
    private static final String CHANNEL = "forum_threads:7";
    private static final TopicPartition PARTITION = new TopicPartition("out.forum_threads", 0);
    private static final String DATA = "{\"text\":\"" + "compress me ".repeat(100) + "\"}";

    private final ChannelIndex<Session> index = new ChannelIndex<>();
    private final RecordFanOut fanOut = new RecordFanOut(
            index,
            topic -> Optional.of(FamilyTopic.of("forum_threads", PARTITION.topic(), "T", 1)),
            new LiveSources(),
            GatewayMetrics.noop());
    private final TestSession gzip = subscribed("c-gzip", List.of("gzip"));
    private final TestSession gzipToo = subscribed("c-gzip-zstd", List.of("zstd", "gzip"));
    private final TestSession deflate = subscribed("c-deflate", List.of("deflate"));
    private final TestSession plain = subscribed("c-plain", List.of());

    @Test
    void queuesOneFrameAsStoredToClientsThatAnnouncedTheEncodingAndOneInflatedFrameToTheOthers() {
        byte[] stored = LogConsumer.gzip(utf8(DATA));

        fanOut.fanOut(records(delivery(PayloadEncoding.GZIP, stored)));

        Frame compressed = single(gzip);
        assertThat(single(gzipToo)).isSameAs(compressed);
        assertThat(compressed.isBinary()).isTrue();
        ByteBuffer bytes = compressed.payload();
        assertThat(bytes.get(2)).as("COMPRESSED_JSON").isEqualTo((byte) 0x04);
        assertThat(bytes.get(3)).as("gzip").isEqualTo((byte) 0x01);
        assertThat(compressed.size() - 8 - bytes.getInt(4)).isEqualTo(stored.length);
        Frame inflated = single(deflate);
        assertThat(single(plain)).isSameAs(inflated);
        assertThat(inflated.isBinary()).isFalse();
        assertThat(FrameText.of(inflated)).contains("\"data\":" + DATA + ",");
        assertThat(inflated.position()).isEqualTo(compressed.position());
    }

    @Test
    void deliversAnUncompressedRecordAsTheSameTextFrameToEveryone() {
        fanOut.fanOut(records(delivery(PayloadEncoding.NONE, utf8(DATA))));

        Frame text = single(plain);
        assertThat(text.isBinary()).isFalse();
        assertThat(List.of(single(gzip), single(gzipToo), single(deflate)))
                .allSatisfy(frame -> assertThat(frame).isSameAs(text));
    }

    @Test
    void stillDeliversAsStoredWhenTheInflatedFormCannotBeBuiltAndGoesOnWithTheNextRecord() {
        fanOut.fanOut(records(
                delivery(PayloadEncoding.GZIP, utf8("not gzip")),
                delivery(PayloadEncoding.NONE, utf8("{\"next\":true}"))));

        assertThat(gzip.takeFrames()).hasSize(2);
        assertThat(plain.takeFrames()).singleElement().satisfies(frame -> assertThat(FrameText.of(frame))
                .contains("\"next\":true"));
    }

    @Test
    void closesASessionWhoseTransportFailsAndDeliversEveryRecordToTheOthers() {
        RecordingTransport broken = new RecordingTransport() {
            @Override
            public void startWriting(OutboundQueue queue) {
                throw new RejectedExecutionException("the I/O thread is stopping");
            }
        };
        Session failing = new Session(
                "c-failing",
                Identity.anonymous(),
                List.of(),
                SessionFixtures.queue(1 << 20, 100),
                broken,
                SessionFixtures.outgoing());
        index.add(CHANNEL, failing);
        TestSession after = subscribed("c-after", List.of());

        fanOut.fanOut(records(
                delivery(PayloadEncoding.NONE, utf8("{\"n\":1}")), delivery(PayloadEncoding.NONE, utf8("{\"n\":2}"))));

        assertThat(broken.closes).containsExactly(CloseReason.INTERNAL_ERROR);
        assertThat(after.takeFrames()).hasSize(2);
        assertThat(plain.takeFrames()).hasSize(2);
    }

    @Test
    void dropsForEveryoneACopyRoutedAgainAfterAProcessorCrashAndKeepsWhatFollowsIt() {
        // source events 0..2 of events partition 1, then a crash: 1 and 2 routed again, then 3
        fanOut.fanOut(records(
                sourced(1, 0, "{\"n\":0}"),
                sourced(1, 1, "{\"n\":1}"),
                sourced(1, 2, "{\"n\":2}"),
                sourced(1, 1, "{\"n\":1}"),
                sourced(1, 2, "{\"n\":2}")));
        fanOut.fanOut(records(5, sourced(1, 3, "{\"n\":3}"), sourced(0, 1, "{\"other\":1}")));

        for (TestSession session : List.of(plain, gzip)) {
            assertThat(session.takeFrames())
                    .extracting(frame -> frame.position().offset())
                    .containsExactly(0L, 1L, 2L, 5L, 6L);
        }
    }

    @Test
    void neverTakesAPublishOrAReplayedCopyWithoutASourceForACopy() {
        Delivery same = delivery(PayloadEncoding.NONE, utf8("{\"n\":1}"));

        fanOut.fanOut(records(new Sourced(same, null), new Sourced(same, null)));

        assertThat(plain.takeFrames()).hasSize(2);
    }

    @Test
    void sendsPresenceNoticesOnlyToSubscribersThatAskedInOrderWithTheChannelsMessages() {
        plain.session.wantPresence(CHANNEL, true);
        deflate.session.wantPresence("forum_threads:8", true); // presence on another channel only

        fanOut.fanOut(new ConsumerRecords<>(
                Map.of(
                        PARTITION,
                        List.of(
                                plainRecord(0, "{\"n\":0}"),
                                notice(1, PresenceKind.JOIN, "alice"),
                                plainRecord(2, "{\"n\":2}"),
                                notice(3, PresenceKind.LEAVE, "alice"))),
                Map.of()));

        List<Frame> watched = plain.takeFrames();
        assertThat(watched)
                .extracting(FrameText::of)
                .satisfiesExactly(
                        message -> assertThat(message)
                                .contains("\"type\":\"message\"")
                                .contains("\"offset\":0"),
                        join -> assertThat(join)
                                .isEqualTo("{\"type\":\"join\",\"channel\":\"forum_threads:7\",\"user_id\":\"alice\","
                                        + "\"ts\":1763800000999}"),
                        message -> assertThat(message)
                                .contains("\"type\":\"message\"")
                                .contains("\"offset\":2"),
                        leave -> assertThat(leave).startsWith("{\"type\":\"leave\",\"channel\":\"forum_threads:7\""));
        assertThat(watched.get(1).position())
                .as("a notice is no message: it never moves the delivered position")
                .isNull();
        for (TestSession other : List.of(gzip, gzipToo, deflate)) {
            assertThat(other.takeFrames())
                    .extracting(frame -> frame.position().offset())
                    .containsExactly(0L, 2L);
        }
    }

    private static ConsumerRecord<byte[], byte[]> notice(long offset, PresenceKind kind, String user) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(PresenceHeader.KEY, PresenceHeader.value(kind));
        PresenceNotice notice = new PresenceNotice(CHANNEL, user, kind, Instant.ofEpochMilli(1763800000999L));
        return record(offset, SwitchboardSerdes.presenceNotice().encode(notice), headers);
    }

    private static ConsumerRecord<byte[], byte[]> plainRecord(long offset, String json) {
        return record(
                offset,
                SwitchboardSerdes.delivery().encode(delivery(PayloadEncoding.NONE, utf8(json))),
                new RecordHeaders());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                PARTITION.topic(),
                0,
                offset,
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                0,
                0,
                CHANNEL.getBytes(StandardCharsets.UTF_8),
                value,
                headers,
                Optional.empty());
    }

    private static Sourced sourced(int partition, long offset, String json) {
        return new Sourced(delivery(PayloadEncoding.NONE, utf8(json)), SourceHeader.value(partition, offset, 0));
    }

    @Test
    void turnsAReceiptOnAPersonalChannelIntoOneReceiptFrameForThePublishersConnections() {
        TestSession bob = new TestSession("c-bob", 100, List.of());
        TestSession bobToo = new TestSession("c-bob-2", 100, List.of("gzip"));
        index.add("user:bob", bob.session);
        index.add("user:bob", bobToo.session);
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReceiptHeaders.NOTICE, new byte[0]);
        Receipt receipt = new Receipt("evt-1", "alice", CHANNEL, 3L, Instant.ofEpochMilli(1763800000123L));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "out.user",
                0,
                9,
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                0,
                0,
                "user:bob".getBytes(StandardCharsets.UTF_8),
                SwitchboardSerdes.receipt().encode(receipt),
                headers,
                Optional.empty());

        fanOut.fanOut(new ConsumerRecords<>(Map.of(new TopicPartition("out.user", 0), List.of(record)), Map.of()));

        Frame frame = single(bob);
        assertThat(single(bobToo)).isSameAs(frame);
        assertThat(FrameText.of(frame))
                .isEqualTo("{\"type\":\"receipt\",\"event_id\":\"evt-1\",\"user_id\":\"alice\","
                        + "\"acked_at\":1763800000123}");
    }

    private record Sourced(Delivery delivery, byte[] source) {}

    private static ConsumerRecords<byte[], byte[]> records(Sourced... deliveries) {
        return records(0, deliveries);
    }

    private static ConsumerRecords<byte[], byte[]> records(long firstOffset, Sourced... deliveries) {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (Sourced sourced : deliveries) {
            RecordHeaders headers = new RecordHeaders();
            if (sourced.source() != null) {
                headers.add(SourceHeader.KEY, sourced.source());
            }
            records.add(new ConsumerRecord<>(
                    PARTITION.topic(),
                    0,
                    firstOffset + records.size(),
                    ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE,
                    0,
                    0,
                    CHANNEL.getBytes(StandardCharsets.UTF_8),
                    SwitchboardSerdes.delivery().encode(sourced.delivery()),
                    headers,
                    Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }

    private TestSession subscribed(String id, List<String> acceptEncodings) {
        TestSession session = new TestSession(id, 100, acceptEncodings);
        index.add(CHANNEL, session.session);
        return session;
    }

    private static Frame single(TestSession session) {
        List<Frame> frames = session.takeFrames();
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    private static Delivery delivery(PayloadEncoding encoding, byte[] data) {
        return Delivery.newBuilder()
                .setChannel(CHANNEL)
                .setEvent("comment.created")
                .setTime(Instant.ofEpochMilli(1763800000123L))
                .setPayload(new Payload(PayloadKind.JSON, "application/json", encoding, ByteBuffer.wrap(data)))
                .build();
    }

    private static ConsumerRecords<byte[], byte[]> records(Delivery... deliveries) {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (Delivery delivery : deliveries) {
            records.add(new ConsumerRecord<>(
                    PARTITION.topic(),
                    0,
                    records.size(),
                    CHANNEL.getBytes(StandardCharsets.UTF_8),
                    SwitchboardSerdes.delivery().encode(delivery)));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
