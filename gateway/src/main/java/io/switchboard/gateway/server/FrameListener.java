package io.switchboard.gateway.server;

import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.session.Session;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import java.nio.ByteBuffer;

/**
 * Receives a session's frames. Undertow's buffer limits default to unlimited; here every message is capped at the
 * configured size while it is read (a single huge frame is refused as its bytes arrive, never buffered whole), and
 * Undertow answers an oversized message with close 1009. Control frames are capped at 125 bytes by Undertow itself.
 * Whatever arrives counts as a sign of life for the heartbeat; pings are answered through the transport, in order
 * with the frames it writes.
 */
final class FrameListener extends AbstractReceiveListener {
    private final Session session;
    private final ClientFrameHandler handler;
    private final UndertowTransport transport;
    private final int maxMessageBytes;

    FrameListener(Session session, ClientFrameHandler handler, UndertowTransport transport, int maxMessageBytes) {
        this.session = session;
        this.handler = handler;
        this.transport = transport;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void handleEvent(WebSocketChannel channel) {
        transport.heard();
        super.handleEvent(channel);
    }

    @Override
    protected long getMaxTextBufferSize() {
        return maxMessageBytes;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return maxMessageBytes;
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
        handler.onText(session, message.getData());
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData(); // xnio's Pooled, deprecated as a type name only
        byte[] frame;
        try {
            frame = copy(data.getResource());
        } finally {
            data.free();
        }
        // the payload limit of a compressed binary publish is the message limit itself
        handler.onBinary(session, frame, maxMessageBytes);
    }

    /** The message in one heap array (at most the limit): the decoder slices it, the publish keeps it. */
    private static byte[] copy(ByteBuffer[] buffers) {
        int size = 0;
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            buffer.get(bytes, at, n);
            at += n;
        }
        return bytes;
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData();
        try {
            transport.pinged(data.getResource());
        } finally {
            data.free();
        }
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData();
        try {
            transport.pong(data.getResource());
        } finally {
            data.free();
        }
    }

    @Override
    protected void onCloseMessage(CloseMessage message, WebSocketChannel channel) {
        transport.peerClosed(message.getCode());
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
        transport.readFailed(error);
    }
}
