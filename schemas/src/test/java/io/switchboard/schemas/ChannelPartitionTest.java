package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The channel → partition rule: the processor writes a channel's deliveries with Kafka's default partitioner (the
 * channel is the key), the gateway reads the partition this rule names, and a replay writes to it. The numbers were
 * taken from the rule as the gateway ({@code Partitions}) and the launcher ({@code ChannelPartitioner}) wrote it
 * before it moved here: a change to any of them puts deliveries where no gateway reads.
 */
class ChannelPartitionTest {

    @ParameterizedTest
    @CsvSource({
        "metrics,                0, 0, 0, 0, 24",
        "forum_threads:42,       0, 0, 3, 3, 7",
        "user:alice,             0, 2, 2, 8, 28",
        "user:Alice@example.com, 0, 2, 2, 8, 24",
        "orders:eu-west-1:7,     0, 1, 1, 7, 27",
        "a,                      0, 1, 4, 4, 28",
        "prices.fx:EURUSD,       0, 0, 0, 0, 28",
        "chat_rooms:lobby,       0, 0, 3, 3, 3"
    })
    void keepsThePartitionsOfTheOldRule(String channel, int of1, int of3, int of6, int of12, int of32) {
        assertThat(new int[] {
                    ChannelName.partition(channel, 1),
                    ChannelName.partition(channel, 3),
                    ChannelName.partition(channel, 6),
                    ChannelName.partition(channel, 12),
                    ChannelName.partition(channel, 32)
                })
                .containsExactly(of1, of3, of6, of12, of32);
        assertThat(ChannelName.parse(channel).partition(12)).isEqualTo(of12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics", "user:bob", "forum_threads:9000", "x.y-z_w:K@d:e"})
    void picksWhatKafkasDefaultPartitionerPicksForTheChannelAsKey(String channel) {
        for (int partitions = 1; partitions <= 64; partitions++) {
            assertThat(ChannelName.partition(channel, partitions))
                    .as("%s of %d partitions", channel, partitions)
                    .isEqualTo(
                            BuiltInPartitioner.partitionForKey(channel.getBytes(StandardCharsets.UTF_8), partitions));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void refusesATopicWithoutPartitions(int partitions) {
        assertThatThrownBy(() -> ChannelName.partition("metrics", partitions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one partition");
    }
}
