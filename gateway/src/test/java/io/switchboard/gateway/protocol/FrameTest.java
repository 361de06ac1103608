package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void keepsBytesPositionAndEventTimeWhenMovedToDirectMemory() {
        Position position = new Position(41, "T:0");
        Frame heap =
                Frame.text("{\"type\":\"message\"}").at("metrics", position).live(1763800000123L);

        Frame direct = heap.direct();

        assertThat(direct.payload().isDirect()).isTrue();
        assertThat(direct.payload().isReadOnly()).isTrue();
        assertThat(FrameText.of(direct)).isEqualTo("{\"type\":\"message\"}");
        assertThat(direct.size()).isEqualTo(heap.size());
        assertThat(direct.isBinary()).isFalse();
        assertThat(direct.position()).isEqualTo(position);
        assertThat(direct.channel()).isEqualTo("metrics");
        assertThat(direct.eventTimeMillis()).isEqualTo(1763800000123L);
        assertThat(direct.direct()).as("already direct").isSameAs(direct);
    }

    @Test
    void copiesItsPayloadWhereTheTargetStandsAndAdvancesIt() {
        Frame frame = Frame.text("hello").direct();
        ByteBuffer target = ByteBuffer.allocate(16).put((byte) '>');

        frame.copyTo(target);
        frame.copyTo(target);

        assertThat(target.position()).isEqualTo(11);
        assertThat(new String(target.array(), 0, 11, StandardCharsets.UTF_8)).isEqualTo(">hellohello");
        assertThat(FrameText.of(frame)).as("the frame is left as it was").isEqualTo("hello");
    }
}
