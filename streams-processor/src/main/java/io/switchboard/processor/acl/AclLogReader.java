package io.switchboard.processor.acl;

import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.avro.AclRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the ACL topic from the beginning to the end offsets of the moment, with a consumer outside any group. */
final class AclLogReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AclLogReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_BACKOFF = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String bootstrapServers;
    private final AvroSerde<AclRule> serde;

    AclLogReader(
            KafkaConsumer<String, byte[]> consumer, String topic, String bootstrapServers, AvroSerde<AclRule> serde) {
        this.consumer = consumer;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.serde = serde;
    }

    SortedMap<String, AclRule> readAll() {
        return answered("read " + topic, () -> {
            List<TopicPartition> partitions = assignAll();
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, AclTopic.TIMEOUT);
            SortedMap<String, AclRule> rules = new TreeMap<>();
            long deadline = System.nanoTime() + AclTopic.TIMEOUT.toNanos();
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("end offsets " + end + " not reached");
                }
                consumer.poll(POLL).forEach(record -> apply(rules, record));
            }
            return rules;
        });
    }

    /** Whether the topic holds no record at all: every partition's beginning equals its end. */
    boolean isEmpty() {
        return answered("read the offsets of " + topic, () -> {
            List<TopicPartition> partitions = assignAll();
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, AclTopic.TIMEOUT);
            return consumer.endOffsets(partitions, AclTopic.TIMEOUT).equals(beginning);
        });
    }

    /** The partitions of the topic; fails at once when it does not exist (this consumer never creates it). */
    List<TopicPartition> requireTopic() {
        List<TopicPartition> partitions = partitions();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the ACL topic " + topic + " does not exist at " + bootstrapServers
                    + " (the processor creates it at start)");
        }
        return partitions;
    }

    /**
     * Waits until this consumer sees the topic: a topic just created reaches the brokers' metadata a moment after
     * the controller confirmed it.
     */
    void awaitTopic() {
        long deadline = System.nanoTime() + AclTopic.TIMEOUT.toNanos();
        while (partitions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw AclTopic.noAnswer(
                        bootstrapServers, "see the topic " + topic + " after creating it", new IllegalStateException());
            }
            try {
                Thread.sleep(METADATA_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the topic " + topic, e);
            }
        }
    }

    // Offsets are looked up for assigned partitions only: a read_committed consumer warns about the others.
    private List<TopicPartition> assignAll() {
        List<TopicPartition> partitions = requireTopic();
        consumer.assign(partitions);
        return partitions;
    }

    private List<TopicPartition> partitions() {
        return answered("find " + topic, () -> consumer.partitionsFor(topic, AclTopic.TIMEOUT)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), AclTopic.TIMEOUT) >= e.getValue());
    }

    private void apply(SortedMap<String, AclRule> rules, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("acl-record-skipped: a record without a key at offset {} of {}", record.offset(), topic);
        } else if (record.value() == null) {
            rules.remove(record.key());
        } else {
            try {
                rules.put(record.key(), serde.decode(record.value()));
            } catch (SerializationException e) {
                LOG.warn(
                        "acl-record-skipped: the value of '{}' at offset {} of {} cannot be decoded: {}",
                        record.key(),
                        record.offset(),
                        topic,
                        e.getMessage());
            }
        }
    }

    private <T> T answered(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw AclTopic.noAnswer(bootstrapServers, what, e);
        }
    }
}
