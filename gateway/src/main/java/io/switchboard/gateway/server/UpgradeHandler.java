package io.switchboard.gateway.server;

import io.switchboard.gateway.auth.Authentication;
import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.Credentials;
import io.switchboard.gateway.auth.Identity;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides an upgrade request before the upgrade, as plain HTTP (PROTOCOL.md, "Connecting"): 503 while the gateway
 * is not accepting, the authenticator's status (401) for refused credentials; otherwise the identity is attached to
 * the exchange and the WebSocket handshake proceeds. Credentials are never logged.
 */
final class UpgradeHandler implements HttpHandler {
    static final AttachmentKey<Identity> IDENTITY = AttachmentKey.create(Identity.class);

    private static final String BEARER = "bearer ";

    private final Authenticator authenticator;
    private final BooleanSupplier accepting;
    private final HttpHandler handshake;

    UpgradeHandler(Authenticator authenticator, BooleanSupplier accepting, HttpHandler handshake) {
        this.authenticator = authenticator;
        this.accepting = accepting;
        this.handshake = handshake;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!accepting.getAsBoolean()) {
            reject(exchange, 503, "the gateway is not accepting connections");
            return;
        }
        Authentication outcome = authenticator.authenticate(credentials(exchange));
        if (outcome instanceof Authentication.Rejected rejected) {
            reject(exchange, rejected.status(), rejected.reason());
            return;
        }
        exchange.putAttachment(IDENTITY, ((Authentication.Accepted) outcome).identity());
        handshake.handleRequest(exchange);
    }

    static Credentials credentials(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        Optional<String> bearer = Optional.ofNullable(authorization)
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).trim())
                .filter(token -> !token.isEmpty());
        return new Credentials(bearer, query(exchange, "access_token"), query(exchange, "resume"));
    }

    static Optional<String> query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null
                ? Optional.empty()
                : Optional.ofNullable(values.peekFirst()).filter(value -> !value.isBlank());
    }

    private static void reject(HttpServerExchange exchange, int status, String reason) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(reason);
    }
}
