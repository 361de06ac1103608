package io.switchboard.gateway.server;

import io.switchboard.gateway.protocol.Frame;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames written through Undertow, one of its frame channels each: for connections whose negotiated extension
 * (permessage-deflate) transforms every frame. A batch is queued back to back with explicit flushing switched on, then
 * flushed once, so Undertow gathers it into one write.
 */
final class UndertowFrames implements FrameWrites {
    private final WebSocketChannel channel;

    UndertowFrames(WebSocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Only the last frame gets a completion listener: Undertow writes the frames in order, and a listener on every
     * frame would cost a task and a selector wake-up per frame once it is written.
     */
    @Override
    public boolean write(List<Frame> frames, WebSocketCallback<Void> written) throws IOException {
        channel.setRequireExplicitFlush(true);
        try {
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                queue(frames.get(i));
            }
            Frame frame = frames.get(last);
            if (frame.isBinary()) {
                WebSockets.sendBinary(frame.payload(), channel, written);
            } else {
                WebSockets.sendText(frame.payload(), channel, written);
            }
        } finally {
            channel.setRequireExplicitFlush(false);
            channel.flush();
        }
        return false;
    }

    /** One complete frame queued to the channel, without a listener of its own. */
    private void queue(Frame frame) throws IOException {
        StreamSinkFrameChannel sink =
                channel.send(frame.isBinary() ? WebSocketFrameType.BINARY : WebSocketFrameType.TEXT);
        if (!sink.send(new ImmediatePooledByteBuffer(frame.payload()))) {
            throw new IOException("a new frame channel refused its payload");
        }
        sink.shutdownWrites();
        sink.flush(); // false until the channel's flush writes it: the frame is queued in order
    }

    @Override
    public void control(byte opcode, ByteBuffer payload) {
        if (opcode == FrameHeader.PING) {
            WebSockets.sendPing(payload, channel, null);
        } else {
            WebSockets.sendPong(payload, channel, null);
        }
    }
}
