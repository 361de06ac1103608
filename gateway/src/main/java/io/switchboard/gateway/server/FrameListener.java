package io.switchboard.gateway.server;

import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.session.Session;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;

/**
 * Receives a session's frames. Undertow's buffer limits default to unlimited; here every message is capped at the
 * configured size while it is read (a single huge frame is refused as its bytes arrive, never buffered whole), and
 * Undertow answers an oversized message with close 1009. Control frames are capped at 125 bytes by Undertow itself.
 */
final class FrameListener extends AbstractReceiveListener {
    private final Session session;
    private final ClientFrameHandler handler;
    private final UndertowTransport transport;
    private final long maxMessageBytes;

    FrameListener(Session session, ClientFrameHandler handler, UndertowTransport transport, long maxMessageBytes) {
        this.session = session;
        this.handler = handler;
        this.transport = transport;
        this.maxMessageBytes = maxMessageBytes;
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
        message.getData().free();
        handler.onBinary(session);
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        message.getData().free();
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
