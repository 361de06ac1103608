package io.switchboard.gateway.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.util.Headers;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.extensions.CompositeExtensionFunction;
import io.undertow.websockets.extensions.ExtensionFunction;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.List;
import java.util.Set;
import org.xnio.StreamConnection;

/** Undertow's RFC 6455 (version 13) handshake, whose connections are {@link DirectHeaderChannel}s. */
final class DirectHeaderHandshake extends Hybi13Handshake {
    DirectHeaderHandshake(Set<String> subprotocols) {
        super(subprotocols, false);
    }

    @Override
    public WebSocketChannel createChannel(
            WebSocketHttpExchange exchange, StreamConnection channel, ByteBufferPool pool) {
        List<ExtensionFunction> extensions = initExtensions(exchange);
        return new DirectHeaderChannel(
                channel,
                pool,
                getWebSocketLocation(exchange),
                exchange.getResponseHeader(Headers.SEC_WEB_SOCKET_PROTOCOL_STRING),
                !extensions.isEmpty(),
                CompositeExtensionFunction.compose(extensions),
                exchange.getPeerConnections(),
                exchange.getOptions());
    }
}
