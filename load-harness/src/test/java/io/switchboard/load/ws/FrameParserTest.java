package io.switchboard.load.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {
    private final List<String> frames = new ArrayList<>();
    private final FrameParser.Handler collect = (opcode, fin, buffer, start, end) -> {
        byte[] payload = new byte[end - start];
        buffer.get(start, payload);
        frames.add(opcode + (fin ? "" : "+") + ":" + new String(payload, StandardCharsets.UTF_8));
    };

    @Test
    void findsEveryCompleteFrameInOneRead() throws WsProtocolException {
        ByteBuffer buffer = buffer(text("a"), text("bc"), frame(0x9, "p"), text(""));

        int consumed = FrameParser.parse(buffer, 0, buffer.limit(), 1024, collect);

        assertThat(consumed).isEqualTo(buffer.limit());
        assertThat(frames).containsExactly("1:a", "1:bc", "9:p", "1:");
    }

    @Test
    void leavesAFrameCutByTheEndOfTheReadForTheNextOne() throws WsProtocolException {
        byte[] second = text("second");
        ByteBuffer buffer = buffer(text("first"), second);

        int consumed = FrameParser.parse(buffer, 0, buffer.limit() - 3, 1024, collect);

        assertThat(frames).containsExactly("1:first");
        assertThat(consumed).isEqualTo(buffer.limit() - second.length);
    }

    @Test
    void waitsForTheWholeExtendedLengthHeader() throws WsProtocolException {
        String payload = "x".repeat(300);
        ByteBuffer buffer = buffer(text(payload));

        assertThat(FrameParser.parse(buffer, 0, 3, 1024, collect)).isZero();
        assertThat(FrameParser.parse(buffer, 0, buffer.limit(), 1024, collect)).isEqualTo(buffer.limit());
        assertThat(frames).containsExactly("1:" + payload);
    }

    @Test
    void readsSixtyFourBitLengths() throws WsProtocolException {
        String payload = "y".repeat(70_000);
        ByteBuffer buffer = buffer(text(payload));

        FrameParser.parse(buffer, 0, buffer.limit(), 100_000, collect);

        assertThat(frames).containsExactly("1:" + payload);
    }

    @Test
    void parsesFromAnOffsetAndKeepsTheFinBit() throws WsProtocolException {
        byte[] notFinal = text("part");
        notFinal[0] = 0x01;
        ByteBuffer buffer = buffer(new byte[] {9, 9}, notFinal);

        FrameParser.parse(buffer, 2, buffer.limit(), 1024, collect);

        assertThat(frames).containsExactly("1+:part");
    }

    @Test
    void refusesMaskedAndOversizedFrames() {
        ByteBuffer masked = buffer(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 5});
        ByteBuffer big = buffer(text("z".repeat(200)));

        assertThatThrownBy(() -> FrameParser.parse(masked, 0, masked.limit(), 1024, collect))
                .isInstanceOf(WsProtocolException.class);
        assertThatThrownBy(() -> FrameParser.parse(big, 0, big.limit(), 100, collect))
                .isInstanceOf(WsProtocolException.class);
    }

    @Test
    void readsTheCloseCode() {
        ByteBuffer close = buffer(new byte[] {0x0F, (byte) 0xA9});

        assertThat(FrameParser.closeCode(close, 0, 2)).isEqualTo(4009);
        assertThat(FrameParser.closeCode(close, 0, 0)).isEqualTo(1005);
    }

    static byte[] text(String payload) {
        return frame(0x1, payload);
    }

    /** An unmasked final server frame. */
    static byte[] frame(int opcode, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        ByteBuffer frame = ByteBuffer.allocate(n + 10);
        frame.put((byte) (0x80 | opcode));
        if (n < 126) {
            frame.put((byte) n);
        } else if (n <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) n);
        } else {
            frame.put((byte) 127).putLong(n);
        }
        frame.put(payload).flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    static ByteBuffer buffer(byte[]... parts) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(200_000);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.flip();
    }
}
