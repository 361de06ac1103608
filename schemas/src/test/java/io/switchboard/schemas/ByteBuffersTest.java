package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteBuffersTest {

    @Test
    void copiesTheRemainingBytesAndLeavesTheBufferAsItWas() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        buffer.position(1).limit(4);

        assertThat(ByteBuffers.bytes(buffer)).containsExactly(2, 3, 4);
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(buffer.limit()).isEqualTo(4);
    }

    @Test
    void copiesADirectBuffer() {
        ByteBuffer direct =
                ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();

        assertThat(ByteBuffers.bytes(direct)).containsExactly(7, 8, 9);
        assertThat(direct.remaining()).isEqualTo(3);
    }
}
