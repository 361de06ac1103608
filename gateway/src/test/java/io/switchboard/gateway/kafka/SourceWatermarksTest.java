package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.SourceHeader;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SourceWatermarksTest {
    private final SourceWatermarks marks = new SourceWatermarks();

    @Test
    void passesEachSourcePositionOnceAndCopiesOfEarlierOnesNever() {
        assertThat(marks.pass(source(0, 5))).isTrue();
        assertThat(marks.pass(source(0, 6))).isTrue();
        assertThat(marks.pass(source(0, 6))).as("the same event again").isFalse();
        assertThat(marks.pass(source(0, 5))).as("an earlier event again").isFalse();
        assertThat(marks.pass(source(0, 9)))
                .as("offsets may skip (other channels' events)")
                .isTrue();
    }

    @Test
    void keepsOneMarkPerSourcePartition() {
        assertThat(marks.pass(source(3, 100))).isTrue();
        assertThat(marks.pass(source(1, 2))).as("partition 1 has its own mark").isTrue();
        assertThat(marks.pass(source(3, 100))).isFalse();
        assertThat(marks.pass(source(1, 2))).isFalse();
        assertThat(marks.pass(source(0, 0))).isTrue();
    }

    @Test
    void alwaysPassesARecordWithoutASource() {
        assertThat(marks.pass(new RecordHeaders())).isTrue();
        assertThat(marks.pass(new RecordHeaders())).isTrue();
    }

    @Test
    void takesTheHigherMarkOfEachPartitionWhenMerged() {
        SourceWatermarks earlier = new SourceWatermarks();
        earlier.pass(source(0, 10));
        earlier.pass(source(4, 3));
        marks.pass(source(0, 12));

        marks.merge(earlier);

        assertThat(marks.pass(source(0, 12))).isFalse();
        assertThat(marks.pass(source(4, 3))).isFalse();
        assertThat(marks.pass(source(4, 4))).isTrue();
        assertThat(marks.pass(source(2, 0))).isTrue();
    }

    @Test
    void passesEveryDeliveryOfOneEventInOnePartitionAndDropsTheirCopies() {
        assertThat(marks.pass(source(0, 7, 0))).as("the event's channel").isTrue();
        assertThat(marks.pass(source(0, 7, 1)))
                .as("ada's personal channel, same partition")
                .isTrue();
        assertThat(marks.pass(source(0, 7, 2))).as("abe's").isTrue();
        assertThat(marks.pass(source(0, 7, 1))).as("ada's, routed again").isFalse();
        assertThat(marks.pass(source(0, 7, 2))).isFalse();
        assertThat(marks.pass(source(0, 8, 0))).isTrue();
        assertThat(marks.pass(source(0, 7, 3)))
                .as("a delivery of an earlier event")
                .isFalse();
    }

    private static Headers source(int partition, long offset) {
        return source(partition, offset, 0);
    }

    private static Headers source(int partition, long offset, int index) {
        return new RecordHeaders().add(SourceHeader.KEY, SourceHeader.value(partition, offset, index));
    }
}
