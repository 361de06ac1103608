package io.switchboard.load.floor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.load.ws.FrameParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerFramesTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void aTextFrameOfEveryLengthClassReadsBackWithTheLoadersParser(int length) throws Exception {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        ByteBuffer frame = ServerFrames.text(payload);

        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame.duplicate()).flip();
        List<Integer> lengths = new ArrayList<>();
        int consumed = FrameParser.parse(copy, 0, copy.limit(), 1 << 20, (opcode, fin, frames, start, end) -> {
            assertThat(opcode).isEqualTo(FrameParser.TEXT);
            assertThat(fin).isTrue();
            lengths.add(end - start);
        });

        assertThat(consumed).isEqualTo(copy.limit());
        assertThat(lengths).containsExactly(length);
    }

    @Test
    void theHeaderIsAsShortAsTheLengthAllows() {
        assertThat(ServerFrames.text(new byte[125]).remaining()).isEqualTo(2 + 125);
        assertThat(ServerFrames.text(new byte[126]).remaining()).isEqualTo(4 + 126);
        assertThat(ServerFrames.text(new byte[65536]).remaining()).isEqualTo(10 + 65536);
    }
}
