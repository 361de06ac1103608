package io.switchboard.load.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {
    @Test
    void masksTextFramesAsTheRfcRequires() {
        String subscribe = "{\"type\":\"subscribe\",\"id\":\"1\",\"channel\":\"metrics\"}";
        ByteBuffer frame = ClientFrames.text(subscribe);

        assertThat(frame.get(0) & 0xFF).isEqualTo(0x81);
        assertThat(frame.get(1) & 0x80).isEqualTo(0x80);
        assertThat(frame.get(1) & 0x7F).isEqualTo(subscribe.length());
        assertThat(unmask(frame, 2)).isEqualTo(subscribe);
    }

    @Test
    void usesTheSixteenBitLengthPastOneHundredTwentyFiveBytes() {
        String text = "p".repeat(300);
        ByteBuffer frame = ClientFrames.text(text);

        assertThat(frame.get(1) & 0x7F).isEqualTo(126);
        assertThat(frame.getShort(2) & 0xFFFF).isEqualTo(300);
        assertThat(unmask(frame, 4)).isEqualTo(text);
    }

    @Test
    void echoesThePingPayloadInThePong() {
        ByteBuffer pong = ClientFrames.pong("beat".getBytes(StandardCharsets.UTF_8));

        assertThat(pong.get(0) & 0xFF).isEqualTo(0x8A);
        assertThat(unmask(pong, 2)).isEqualTo("beat");
    }

    private static String unmask(ByteBuffer frame, int maskAt) {
        byte[] payload = new byte[frame.limit() - maskAt - 4];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (frame.get(maskAt + 4 + i) ^ frame.get(maskAt + (i & 3)));
        }
        return new String(payload, StandardCharsets.ISO_8859_1);
    }
}
