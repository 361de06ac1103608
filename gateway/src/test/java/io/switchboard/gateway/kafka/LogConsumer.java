package io.switchboard.gateway.kafka;

import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer over one in-memory partition log that can be read again from any offset (Kafka's MockConsumer hands
 * each record out once). Offsets missing from the log behave like transaction markers: skipped, position moving on.
 */
final class LogConsumer extends MockConsumer<byte[], byte[]> {
    private final TopicPartition partition;
    private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();
    private final int maxPollRecords;
    private long logStart;
    private long logEnd;
    private int polls;

    LogConsumer(TopicPartition partition, int maxPollRecords) {
        super("none");
        this.partition = partition;
        this.maxPollRecords = maxPollRecords;
        updateBeginningOffsets(Map.of(partition, 0L));
        updateEndOffsets(Map.of(partition, 0L));
    }

    /** Appends a delivery of {@code channel} at this offset; its JSON data is {@code {"n":<offset>}}. */
    synchronized void append(long offset, String channel) {
        append(offset, channel, false);
    }

    /** Appends a delivery whose JSON data {@code {"n":<offset>}} is stored gzip-compressed when {@code gzip}. */
    synchronized void append(long offset, String channel, boolean gzip) {
        byte[] data = ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
        Delivery delivery = Delivery.newBuilder()
                .setChannel(channel)
                .setEvent("e")
                .setTime(Instant.ofEpochMilli(1))
                .setPayload(new Payload(
                        PayloadKind.JSON,
                        "application/json",
                        gzip ? PayloadEncoding.GZIP : PayloadEncoding.NONE,
                        ByteBuffer.wrap(gzip ? gzip(data) : data)))
                .build();
        log.add(new ConsumerRecord<>(
                partition.topic(),
                partition.partition(),
                offset,
                channel.getBytes(StandardCharsets.UTF_8),
                SwitchboardSerdes.delivery().encode(delivery)));
        logEnd = offset + 1;
        updateEndOffsets(Map.of(partition, logEnd));
    }

    static byte[] gzip(byte[] data) {
        return PayloadDeflater.compress(PayloadEncoding.GZIP, data);
    }

    /** Moves the log end on without a record (a transaction marker). */
    synchronized void endAt(long end) {
        logEnd = end;
        updateEndOffsets(Map.of(partition, end));
    }

    /** Deletes the records before {@code start} (retention). */
    synchronized void startAt(long start) {
        logStart = start;
        updateBeginningOffsets(Map.of(partition, start));
    }

    /** How many times the log was polled while assigned. */
    synchronized int polls() {
        return polls;
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        if (!assignment().contains(partition)) {
            return ConsumerRecords.empty();
        }
        polls++;
        long position = position(partition);
        if (position < logStart) {
            throw new OffsetOutOfRangeException(Map.of(partition, position));
        }
        List<ConsumerRecord<byte[], byte[]>> batch = log.stream()
                .filter(record -> record.offset() >= position)
                .limit(maxPollRecords)
                .toList();
        seek(
                partition,
                batch.isEmpty()
                        ? Math.max(position, logEnd)
                        : batch.get(batch.size() - 1).offset() + 1);
        return new ConsumerRecords<>(Map.of(partition, batch), Map.of());
    }
}
