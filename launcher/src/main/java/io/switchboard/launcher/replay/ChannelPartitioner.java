package io.switchboard.launcher.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a family's output topic that holds a channel: what Kafka's default partitioner picks for the
 * channel as key, and where the gateway looks for it. A replay names the partition itself, so that a {@code
 * kafka.partitioner.class} in the configuration cannot put a copy where no gateway reads it.
 */
final class ChannelPartitioner {
    private ChannelPartitioner() {}

    static int partition(String channel, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition: " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(channel.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
