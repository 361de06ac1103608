package io.switchboard.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The output topics the delivery consumer reads: all partitions of the topic of every family with a local
 * subscriber, assigned by hand. A family's topic is described (topic id, partitions) when it is added, and forgotten
 * when it is released, so a recreated topic gets its new epoch. Used only by the delivery thread.
 */
final class OutputAssignment implements LiveTopics {
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final OutputTopics topics;
    private final BooleanSupplier running;
    private final Map<String, FamilyTopic> byFamily = new HashMap<>();
    private final Map<String, FamilyTopic> byTopic = new HashMap<>();

    OutputAssignment(Consumer<byte[], byte[]> consumer, OutputTopics topics, BooleanSupplier running) {
        this.consumer = consumer;
        this.topics = topics;
        this.running = running;
    }

    /**
     * The family's topic, assigning its partitions positioned at the end if the family is new.
     *
     * @throws IllegalStateException with a client-fit message when the topic cannot be read
     */
    @Override
    public FamilyTopic acquire(String family) {
        FamilyTopic known = byFamily.get(family);
        if (known != null) {
            return known;
        }
        FamilyTopic topic = topics.describe(family);
        byFamily.put(family, topic);
        byTopic.put(topic.topic(), topic);
        reassign();
        consumer.seekToEnd(topic.partitions());
        return topic;
    }

    /** Stops reading the family's topic. */
    @Override
    public void release(String family) {
        FamilyTopic topic = byFamily.remove(family);
        if (topic != null) {
            byTopic.remove(topic.topic());
            reassign();
        }
    }

    Optional<FamilyTopic> byTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    boolean isEmpty() {
        return byFamily.isEmpty();
    }

    /**
     * The offset of the next record the consumer will return from this partition. Between two polls every record
     * before it has been fanned out, every record from it on has not.
     */
    @Override
    public long position(TopicPartition partition) {
        while (true) {
            try {
                return consumer.position(partition, POSITION_TIMEOUT);
            } catch (WakeupException e) {
                // a command arriving during the lookup woke the consumer; the wakeup is spent, so retry
                if (!running.getAsBoolean()) {
                    throw e;
                }
            }
        }
    }

    private void reassign() {
        List<TopicPartition> partitions = byFamily.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .toList();
        // partitions that stay assigned keep their positions
        consumer.assign(partitions);
    }
}
