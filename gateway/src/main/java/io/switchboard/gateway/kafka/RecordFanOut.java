package io.switchboard.gateway.kafka;

import io.switchboard.gateway.protocol.DeliveryFrameEncoder;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans polled output records out to local subscribers (the fan-out rule): a record nobody here subscribed to is not
 * even decoded; otherwise it is decoded and encoded into a frame once, and that one immutable frame is queued to
 * every subscriber. Queuing never blocks, so a slow connection cannot hold up the others. Delivery thread only.
 */
final class RecordFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFanOut.class);

    private final ChannelIndex<Session> index;
    private final OutputAssignment assignment;
    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();
    private final AvroSerde<Delivery> serde = SwitchboardSerdes.delivery();

    RecordFanOut(ChannelIndex<Session> index, OutputAssignment assignment) {
        this.index = index;
        this.assignment = assignment;
    }

    void fanOut(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            Collection<Session> subscribers = index.subscribers(new String(record.key(), StandardCharsets.UTF_8));
            if (subscribers.isEmpty()) {
                continue;
            }
            Frame frame = frameOf(record);
            if (frame != null) {
                for (Session session : subscribers) {
                    session.send(frame);
                }
            }
        }
    }

    private Frame frameOf(ConsumerRecord<byte[], byte[]> record) {
        try {
            FamilyTopic topic = assignment.byTopic(record.topic()).orElseThrow();
            return encoder.encode(serde.decode(record.value()), record.offset(), topic.epoch(record.partition()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "delivery-invalid: skipping {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }
}
