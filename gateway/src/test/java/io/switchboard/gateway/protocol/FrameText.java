package io.switchboard.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A frame's payload as text, for assertions; the gateway itself never needs it. */
public final class FrameText {
    private FrameText() {}

    public static String of(Frame frame) {
        ByteBuffer view = frame.payload();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
