package io.switchboard.launcher.replay;

import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads a window of one partition in order and copies the original deliveries of one channel to the target, in the
 * same order; the channel's presence notices (told by their header, never decoded) are counted and never copied. The window's end is fixed, so the loop ends however fast new messages arrive; when the read position
 * does not move for {@code stallTimeout} (Kafka gone), it fails instead of waiting forever.
 */
final class Replayer {
    private static final AvroSerde<Delivery> DELIVERIES = SwitchboardSerdes.delivery();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final CopyWriter writer;
    private final ReplayProgress progress;
    private final LongSupplier nanoTime;
    private final Duration stallTimeout;

    Replayer(
            Consumer<String, byte[]> consumer,
            CopyWriter writer,
            ReplayProgress progress,
            LongSupplier nanoTime,
            Duration stallTimeout) {
        this.consumer = consumer;
        this.writer = writer;
        this.progress = progress;
        this.nanoTime = nanoTime;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Copies every original delivery keyed {@code channel} in {@code window} to {@code partition} of the target.
     *
     * @throws IllegalStateException when reading stalls or a copy cannot be written
     */
    ReplayCounts run(ReplayWindow window, String channel, ReplayTarget target, int partition) {
        TopicPartition source = window.partition();
        consumer.assign(List.of(source));
        consumer.seek(source, window.from());
        ReplayCounts counts = new ReplayCounts();
        long position = window.from();
        long lastMove = nanoTime.getAsLong();
        while (position < window.to()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(source)) {
                if (record.offset() >= window.to()) {
                    break;
                }
                counts.scanned();
                if (channel.equals(record.key()) && PresenceHeader.isNotice(record.headers())) {
                    counts.presenceNotice(); // who came and went then: not a message to deliver again
                } else if (channel.equals(record.key())) {
                    copy(record, counts, target, partition);
                }
            }
            long now = consumer.position(source, stallTimeout);
            if (now > position) {
                position = now;
                lastMove = nanoTime.getAsLong();
            } else if (nanoTime.getAsLong() - lastMove > stallTimeout.toNanos()) {
                throw new IllegalStateException("reading " + source + " stalled at offset " + position + " for "
                        + stallTimeout.toSeconds() + " s: Kafka does not answer");
            }
            progress.update(window, position, counts, writer.written());
        }
        writer.flush();
        return counts;
    }

    private void copy(ConsumerRecord<String, byte[]> record, ReplayCounts counts, ReplayTarget target, int partition) {
        Delivery original = decode(record.value());
        if (original == null) {
            counts.unreadable();
            return;
        }
        if (!DeliveryCopies.isOriginal(original)) {
            counts.earlierReplay();
            return;
        }
        counts.matched(record.offset());
        byte[] copy = DELIVERIES.encode(DeliveryCopies.copy(original, target.channel()));
        // No timestamp: the copy is stamped now. Time-based retention counts from a segment's newest timestamp, so
        // copies stamped with yesterday's time could expire a day early; the event time travels in Delivery.time.
        writer.send(new ProducerRecord<>(
                target.topic(), partition, null, target.channel(), copy, DeliveryCopies.headers(record.headers())));
    }

    private static Delivery decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return DELIVERIES.decode(value);
        } catch (SerializationException e) {
            return null;
        }
    }
}
