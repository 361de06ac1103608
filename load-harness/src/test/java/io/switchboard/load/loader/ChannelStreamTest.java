package io.switchboard.load.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.load.loader.ChannelStream.Verdict;
import org.junit.jupiter.api.Test;

class ChannelStreamTest {
    @Test
    void tellsNewHolesDuplicatesAndRepeatsApart() {
        ChannelStream stream = new ChannelStream();
        assertThat(stream.accept(10, 1)).isEqualTo(Verdict.NEW);
        assertThat(stream.accept(12, 2)).isEqualTo(Verdict.NEW);
        assertThat(stream.accept(12, 2)).isEqualTo(Verdict.REPEAT);
        assertThat(stream.accept(11, 1)).isEqualTo(Verdict.REPEAT);
        assertThat(stream.accept(15, 2)).isEqualTo(Verdict.DUPLICATE);
        assertThat(stream.accept(20, 5)).isEqualTo(Verdict.HOLE);
        assertThat(stream.repeats()).isEqualTo(2);
        assertThat(stream.sequence().duplicates()).isEqualTo(1);
        assertThat(stream.sequence().missing()).isEqualTo(2);
        assertThat(stream.sequence().behind(7)).isEqualTo(2);
    }

    @Test
    void resumesAfterTheLastPositionReceived() {
        ChannelStream stream = new ChannelStream();
        assertThat(stream.hasPosition()).isFalse();
        stream.positionAt(40, "topic:3");
        assertThat(stream.since()).isEqualTo("{\"offset\":40,\"epoch\":\"topic:3\"}");
        stream.accept(57, 1);
        stream.positionAt(41, null);
        assertThat(stream.since()).isEqualTo("{\"offset\":57,\"epoch\":\"topic:3\"}");
    }

    @Test
    void takesTheEpochOfTheFirstMessageWhenNoSubscribeGaveOne() {
        ChannelStream stream = new ChannelStream();
        stream.epoch("e:1");
        stream.accept(5, 1);
        stream.epoch("e:2");
        assertThat(stream.hasPosition()).isTrue();
        assertThat(stream.since()).isEqualTo("{\"offset\":5,\"epoch\":\"e:1\"}");
    }
}
