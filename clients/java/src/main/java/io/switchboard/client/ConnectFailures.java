package io.switchboard.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Says in one line why a connection attempt failed, and with which HTTP status when the gateway refused it. */
final class ConnectFailures {
    /** No HTTP status: the attempt failed before the gateway answered. */
    static final int NO_STATUS = -1;

    private ConnectFailures() {}

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The HTTP status of a refused upgrade, or {@link #NO_STATUS}. */
    static int httpStatus(Throwable failure) {
        return unwrap(failure) instanceof WebSocketHandshakeException refused
                ? refused.getResponse().statusCode()
                : NO_STATUS;
    }

    /** A {@code connect_failed} error that names the gateway or the proxy, whichever could not be reached. */
    static SwitchboardException describe(Throwable failure, GatewayUrl url, InetSocketAddress proxy) {
        Throwable cause = unwrap(failure);
        return new SwitchboardException("connect_failed", message(cause, url, proxy), cause);
    }

    private static String message(Throwable cause, GatewayUrl url, InetSocketAddress proxy) {
        int status = httpStatus(cause);
        if (status != NO_STATUS) {
            return switch (status) {
                case 401 -> "the gateway " + url + " refused the credentials (HTTP 401: missing, invalid or expired)";
                case 403 -> "the gateway " + url + " refused this client's Origin (HTTP 403)";
                case 429 -> "the gateway " + url + " has too many connections from this address or user (HTTP 429)";
                case 503 -> "the gateway " + url + " is not ready (HTTP 503)";
                default -> "the gateway " + url + " answered HTTP " + status + " instead of upgrading to WebSocket";
            };
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean unreachable = cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof UnresolvedAddressException;
        if (unreachable && proxy != null) {
            return "cannot reach the proxy " + proxy.getHostString() + ":" + proxy.getPort() + " (" + detail + ")";
        }
        if (unreachable) {
            return "cannot reach the gateway " + url + " (" + detail + ")";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out connecting to " + (proxy != null ? "the proxy " + proxy + " or " : "") + "the gateway "
                    + url;
        }
        if (proxy != null && cause instanceof IOException && detail.contains("Tunnel failed")) {
            return "the proxy " + proxy.getHostString() + ":" + proxy.getPort() + " could not open a tunnel to " + url
                    + " (" + detail + ")";
        }
        return "cannot connect to " + url + " (" + detail + ")";
    }
}
