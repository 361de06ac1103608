package io.switchboard.gateway.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@link SourceWatermarks} of every output partition the live reader has read, kept across a family's release and
 * reacquisition (the marks stay true: source offsets belong to {@code switchboard.events}, not to the output topic).
 * A recovery that hands a session over merges its marks here, so a copy of a record it sent, which the live reader
 * may never have read, is dropped too. Delivery thread only.
 */
final class LiveSources {
    private final Map<TopicPartition, SourceWatermarks> byPartition = new HashMap<>();

    SourceWatermarks of(TopicPartition partition) {
        return byPartition.computeIfAbsent(partition, p -> new SourceWatermarks());
    }
}
