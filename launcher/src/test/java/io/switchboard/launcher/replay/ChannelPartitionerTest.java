package io.switchboard.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPartitionerTest {
    @ParameterizedTest
    @ValueSource(strings = {"metrics", "forum_threads:42", "user:alice", "user:Émile@example.org", "a"})
    void picksThePartitionKafkasDefaultPartitionerPicksForTheChannelAsKey(String channel) {
        for (int partitions = 1; partitions <= 12; partitions++) {
            assertThat(ChannelPartitioner.partition(channel, partitions))
                    .as("%s in %d partitions", channel, partitions)
                    .isEqualTo(
                            BuiltInPartitioner.partitionForKey(channel.getBytes(StandardCharsets.UTF_8), partitions));
        }
    }
}
