package io.switchboard.launcher.users;

import io.switchboard.launcher.kafka.KafkaCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the role directory from the beginning of every partition to its end offsets of the moment, with a consumer
 * outside any group: the last record per key wins (but an unreadable value keeps the entry before it, as in the
 * processor), a tombstone removes the key. Every wait is bounded by {@link KafkaCalls#TIMEOUT}.
 */
final class DirectoryLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final KafkaCalls calls;

    DirectoryLog(KafkaConsumer<String, byte[]> consumer, String topic, KafkaCalls calls) {
        this.consumer = consumer;
        this.topic = topic;
        this.calls = calls;
    }

    /** Every user's latest entry, by user id. */
    SortedMap<String, DirectoryEntry> readAll() {
        return calls.call("read " + topic, () -> {
            List<TopicPartition> partitions = requireTopic();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Looked up once assigned: a read_committed consumer warns about offsets of partitions it does not own.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaCalls.TIMEOUT);
            SortedMap<String, DirectoryEntry> entries = new TreeMap<>();
            long deadline = System.nanoTime() + KafkaCalls.TIMEOUT.toNanos();
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("end offsets " + end + " not reached");
                }
                consumer.poll(POLL).forEach(record -> apply(entries, record));
            }
            return entries;
        });
    }

    /**
     * The topic's partitions.
     *
     * @throws IllegalStateException when it does not exist (this consumer never creates it)
     */
    List<TopicPartition> requireTopic() {
        List<TopicPartition> partitions =
                calls.call("find " + topic, () -> consumer.partitionsFor(topic, KafkaCalls.TIMEOUT)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the role directory " + topic + " does not exist");
        }
        return partitions;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), KafkaCalls.TIMEOUT) >= e.getValue());
    }

    private void apply(SortedMap<String, DirectoryEntry> entries, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn(
                    "user-record-skipped: a record without a key at {}-{}@{}",
                    topic,
                    record.partition(),
                    record.offset());
        } else if (record.value() == null) {
            entries.remove(record.key());
        } else {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            DirectoryEntry latest = DirectoryEntry.decode(record.key(), record.value(), at);
            entries.merge(record.key(), latest, (previous, next) -> next.after(previous));
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
