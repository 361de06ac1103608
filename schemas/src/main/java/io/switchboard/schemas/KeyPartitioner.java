package io.switchboard.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner picks for a string key (murmur2 of its UTF-8 bytes). The processor writes
 * every keyed record with that partitioner, so this is where a reader that assigns partitions itself finds a key: a
 * channel in its family's output topic ({@link ChannelName#partition(String, int)}), a gateway's replies.
 */
public final class KeyPartitioner {
    private KeyPartitioner() {}

    /**
     * The partition of {@code key} in a topic of {@code partitions} partitions.
     *
     * @throws IllegalArgumentException when {@code partitions} is under 1
     */
    public static int partition(String key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition: " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
