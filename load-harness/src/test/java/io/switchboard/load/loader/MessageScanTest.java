package io.switchboard.load.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.load.loader.MessageScan.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageScanTest {
    private static final String MESSAGE =
            "{\"type\":\"message\",\"channel\":\"metrics\",\"offset\":41,\"epoch\":\"e-1\","
                    + "\"event\":\"load\",\"data\":{\"t\":1765051234567890,\"seq\":1549},\"ts\":1765051234567}";

    @Test
    void readsProduceTimeAndSequenceOfAMessage() {
        ByteBuffer frame = padded(MESSAGE);

        assertThat(MessageScan.kind(frame, 3, frame.limit())).isEqualTo(Kind.MESSAGE);
        assertThat(MessageScan.time(frame, 3, frame.limit())).isEqualTo(1765051234567890L);
        assertThat(MessageScan.sequence(frame, 3, frame.limit())).isEqualTo(1549);
    }

    @Test
    void toleratesOtherKeyOrderPaddingAndSpaces() {
        ByteBuffer frame = padded("{\"type\":\"message\",\"data\": {\"seq\": 7, \"pad\":\"xx\", \"t\": 12},\"ts\":1}");

        assertThat(MessageScan.sequence(frame, 3, frame.limit())).isEqualTo(7);
        assertThat(MessageScan.time(frame, 3, frame.limit())).isEqualTo(12);
    }

    @Test
    void tellsControlFramesApart() {
        assertThat(kind("{\"type\":\"welcome\",\"user_id\":null}")).isEqualTo(Kind.WELCOME);
        assertThat(kind("{\"type\":\"subscribed\",\"id\":\"1\",\"channel\":\"metrics\"}"))
                .isEqualTo(Kind.SUBSCRIBED);
        assertThat(kind("{\"type\":\"error\",\"code\":\"rate_limited\"}")).isEqualTo(Kind.ERROR);
        assertThat(kind("{\"type\":\"pong\"}")).isEqualTo(Kind.OTHER);
        assertThat(kind("{\"id\":\"1\",\"type\":\"subscribed\"}")).isEqualTo(Kind.SUBSCRIBED);
        assertThat(kind("not json")).isEqualTo(Kind.OTHER);
    }

    @Test
    void saysNoneWhenAFieldIsMissingOrNotANumber() {
        ByteBuffer frame = padded("{\"type\":\"message\",\"data\":{\"t\":\"soon\"}}");

        assertThat(MessageScan.time(frame, 3, frame.limit())).isEqualTo(MessageScan.NONE);
        assertThat(MessageScan.sequence(frame, 3, frame.limit())).isEqualTo(MessageScan.NONE);
    }

    private static Kind kind(String text) {
        ByteBuffer frame = padded(text);
        return MessageScan.kind(frame, 3, frame.limit());
    }

    /** The frame's text after three unrelated bytes, as it lies in a read buffer among other frames. */
    private static ByteBuffer padded(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length + 3)
                .put(new byte[3])
                .put(bytes)
                .flip();
    }
}
