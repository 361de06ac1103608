package io.switchboard.gateway.kafka;

import io.switchboard.schemas.ChannelName;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * The output topic of one channel family, as read when the family got its first local subscriber.
 *
 * @param epochs the epoch of each partition, {@code <topicId>:<partition>}
 */
record FamilyTopic(String family, String topic, List<TopicPartition> partitions, List<String> epochs) {
    static FamilyTopic of(String family, String topic, String topicId, int partitionCount) {
        return new FamilyTopic(
                family,
                topic,
                IntStream.range(0, partitionCount)
                        .mapToObj(p -> new TopicPartition(topic, p))
                        .toList(),
                IntStream.range(0, partitionCount)
                        .mapToObj(p -> topicId + ":" + p)
                        .toList());
    }

    /** The partition holding a channel (the channel is the record key). */
    TopicPartition partitionOf(String channel) {
        return partitions.get(ChannelName.partition(channel, partitions.size()));
    }

    String epoch(int partition) {
        return epochs.get(partition);
    }
}
