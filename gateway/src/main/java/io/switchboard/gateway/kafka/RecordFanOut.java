package io.switchboard.gateway.kafka;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.DeliveryFrameEncoder;
import io.switchboard.gateway.protocol.DeliveryFrames;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans polled output records out to local subscribers (the fan-out rule): a record nobody here subscribed to is not
 * even decoded; otherwise it is decoded once, and each of its forms (inflated, or compressed as stored for the
 * sessions that accept its encoding; see {@link DeliveryFrames}) is encoded at most once, when the first subscriber
 * needing it comes, and that one immutable frame is queued to every subscriber that needs it. Per subscriber there is
 * only an O(1) choice. Queuing never blocks, so a slow connection cannot hold up the others. Delivery thread only.
 *
 * <p>A copy of a record already passed in its partition (a processor routed it again after a crash, see {@link
 * SourceWatermarks}) is dropped before anything else, whoever subscribed.
 *
 * <p>A presence notice ({@link PresenceHeader}) is told from a delivery by its header before anything is decoded, and
 * goes only to the subscribers that asked for presence ({@link PresenceFanOut}), in order with the channel's messages.
 * It has no source position, so it neither passes nor sets a {@link SourceWatermarks} mark. A receipt for a socket
 * publisher on its personal channel ({@link ReceiptNotices}) becomes one {@code receipt} frame for its connections.
 *
 * <p>Each form is marked live with the event's time ({@link Frame#live}) once, so its delivery latency is recorded as
 * each socket write completes; the fan-out itself is counted and timed per record.
 */
final class RecordFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFanOut.class);

    private final ChannelIndex<Session> index;
    /** The family topic a polled record comes from ({@link OutputAssignment#byTopic}). */
    private final Function<String, Optional<FamilyTopic>> topics;

    private final LiveSources sources;

    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();
    private final ReceiptNotices receipts = new ReceiptNotices();
    private final AvroSerde<Delivery> serde = SwitchboardSerdes.delivery();
    private final PresenceFanOut presence;
    private final GatewayMetrics metrics;

    RecordFanOut(
            ChannelIndex<Session> index,
            Function<String, Optional<FamilyTopic>> topics,
            LiveSources sources,
            GatewayMetrics metrics) {
        this.index = index;
        this.topics = topics;
        this.sources = sources;
        this.presence = new PresenceFanOut(metrics);
        this.metrics = metrics;
    }

    /**
     * Fans out every record of a poll. A failure is contained where it happens: one record's stays with that record,
     * one session's with that session, so no failure can skip the rest of a poll for everyone (the consumer's position
     * is already past it: those records would be lost to every subscriber).
     */
    void fanOut(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            SourceWatermarks marks = sources.of(partition);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (PresenceHeader.isNotice(record.headers())) {
                    fanOutContained(record); // no source position: never a copy, and no mark to set
                } else if (marks.pass(record.headers())) {
                    fanOutContained(record);
                } else {
                    metrics.duplicateDropped();
                }
            }
        }
    }

    private void fanOutContained(ConsumerRecord<byte[], byte[]> record) {
        try {
            fanOut(record);
        } catch (RuntimeException e) {
            metrics.failure("fan-out-failed");
            LOG.error(
                    "fan-out-failed: {}-{}@{} skipped, going on with the next record",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
        }
    }

    private void fanOut(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        String channel = new String(record.key(), StandardCharsets.UTF_8);
        Collection<Session> subscribers = index.subscribers(channel);
        if (subscribers.isEmpty()) {
            return;
        }
        if (PresenceHeader.isNotice(record.headers())) {
            fanOutNotice(record, channel, subscribers);
            return;
        }
        if (ReceiptNotices.isNotice(record)) {
            Frame receipt = receipts.frameOf(record);
            if (receipt != null) {
                subscribers.forEach(session -> sendContained(session, receipt));
            }
            return;
        }
        Delivery delivery = decode(record);
        DeliveryFrames frames = delivery == null ? null : framesOf(record, delivery);
        if (frames == null) {
            return;
        }
        queue(frames, subscribers);
        frames.failure().ifPresent(reason -> invalid(record, reason));
    }

    private void fanOutNotice(ConsumerRecord<byte[], byte[]> record, String channel, Collection<Session> subscribers) {
        try {
            presence.fanOut(record, channel, subscribers, this::sendFailed);
        } catch (RuntimeException e) {
            invalid(record, e.toString()); // a notice that cannot be read is skipped like a delivery that cannot
        }
    }

    /** Queues each subscriber the form it takes; each form is marked live once and counted once as built. */
    private void queue(DeliveryFrames frames, Collection<Session> subscribers) {
        long start = System.nanoTime();
        int delivered = 0;
        for (Session session : subscribers) {
            Frame frame = frames.frameFor(session.acceptedEncodings());
            if (frame != null && sendContained(session, frame)) {
                delivered++;
            }
        }
        metrics.fannedOut(delivered, System.nanoTime() - start);
        frames.forEachBuilt(frame -> metrics.deliveryFrameBuilt(frame.size()));
    }

    private boolean sendContained(Session session, Frame frame) {
        try {
            session.send(frame);
            return true;
        } catch (RuntimeException e) {
            sendFailed(session, e);
            return false;
        }
    }

    /**
     * A session that could not take a frame would go on with a gap it cannot see: close it (1011), so its client
     * resumes from what it has. The others go on.
     */
    private void sendFailed(Session session, RuntimeException e) {
        metrics.failure("send-failed");
        LOG.warn("send-failed: closing {} with 1011: {}", session, e.toString());
        try {
            session.close(CloseReason.INTERNAL_ERROR);
        } catch (RuntimeException closeFailed) {
            LOG.warn("send-failed: {} could not be closed either: {}", session, closeFailed.toString());
        }
    }

    private Delivery decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return serde.decode(record.value());
        } catch (RuntimeException e) {
            invalid(record, e.toString());
            return null;
        }
    }

    private DeliveryFrames framesOf(ConsumerRecord<byte[], byte[]> record, Delivery delivery) {
        try {
            FamilyTopic topic = topics.apply(record.topic()).orElseThrow();
            return encoder.frames(delivery, record.offset(), topic.epoch(record.partition()))
                    .live();
        } catch (RuntimeException e) {
            invalid(record, e.toString());
            return null;
        }
    }

    /** A record that cannot be delivered (to some subscribers, when only its inflated form failed). */
    private static void invalid(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.warn(
                "delivery-invalid: skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }
}
