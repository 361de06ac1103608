package io.switchboard.gateway.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * Empties what the upgrade request left behind once its connection is a session. Undertow keeps every upgraded
 * connection's HTTP state (the connection, and through its upgrade listener the finished exchange with its headers,
 * query and paths) until the socket closes: its listener tracks the connection for shutdown, and its close listeners
 * give back the connection caps. Nothing reads the exchange after {@link ConnectionCallback#onConnect}, so its
 * contents go; at 10 000 idle connections that is about 1 KiB of heap each.
 */
final class FinishedUpgrade {
    /** The exchange itself, for {@link #release}: the WebSocket facade that reaches the callback does not expose it. */
    static final AttachmentKey<HttpServerExchange> EXCHANGE = AttachmentKey.create(HttpServerExchange.class);

    private FinishedUpgrade() {}

    /** Marks {@code exchange} to be emptied once its connection has become a session. */
    static void track(HttpServerExchange exchange) {
        exchange.putAttachment(EXCHANGE, exchange);
    }

    static void release(WebSocketHttpExchange upgrade) {
        HttpServerExchange exchange = upgrade.getAttachment(EXCHANGE);
        if (exchange == null) {
            return;
        }
        exchange.removeAttachment(EXCHANGE);
        exchange.removeAttachment(UpgradeHandler.AUTHENTICATED);
        exchange.removeAttachment(UpgradeHandler.RESUMED);
        exchange.getRequestHeaders().clear();
        exchange.getResponseHeaders().clear();
        exchange.getQueryParameters().clear();
        exchange.getPathParameters().clear();
        exchange.setRequestURI("");
        exchange.setRequestPath("");
        exchange.setRelativePath("");
        exchange.setResolvedPath("");
        exchange.setQueryString("");
    }
}
