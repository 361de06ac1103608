package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.PooledByteBuffer;
import org.junit.jupiter.api.Test;

class DirectFrameHeadersTest {

    @Test
    void givesDirectBuffersRoomForTheLongestHeader() {
        PooledByteBuffer header = DirectFrameHeaders.allocate();

        assertThat(header.getBuffer().isDirect()).isTrue();
        assertThat(header.getBuffer().remaining()).isEqualTo(DirectFrameHeaders.MAX_HEADER_BYTES);
        header.close();
    }

    @Test
    void reusesAFreedHeaderEmptied() {
        PooledByteBuffer first = DirectFrameHeaders.allocate();
        first.getBuffer().putLong(42);
        first.close();

        PooledByteBuffer second = DirectFrameHeaders.allocate();

        assertThat(second.getBuffer().position()).isZero();
        assertThat(second.getBuffer().remaining()).isEqualTo(DirectFrameHeaders.MAX_HEADER_BYTES);
        second.close();
    }

    @Test
    void aHeaderClosedTwiceIsFreedOnceSoNoTwoFramesShareIt() {
        PooledByteBuffer header = DirectFrameHeaders.allocate();
        header.close();
        header.close();

        PooledByteBuffer a = DirectFrameHeaders.allocate();
        PooledByteBuffer b = DirectFrameHeaders.allocate();

        assertThat(a.getBuffer()).isNotSameAs(b.getBuffer());
        a.getBuffer().put((byte) 1);
        assertThat(b.getBuffer().get(0)).as("separate memory").isZero();
        assertThat(header.isOpen()).isFalse();
        assertThatThrownBy(header::getBuffer).isInstanceOf(IllegalStateException.class);
        a.close();
        b.close();
    }
}
