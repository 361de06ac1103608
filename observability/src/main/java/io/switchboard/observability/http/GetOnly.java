package io.switchboard.observability.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/** The endpoints here are read-only: anything but GET is answered 405 with {@code Allow: GET}. */
final class GetOnly {
    private GetOnly() {}

    /** Answers 405 and returns true unless the request is a GET. */
    static boolean refused(HttpServerExchange exchange) {
        if (Methods.GET.equals(exchange.getRequestMethod())) {
            return false;
        }
        exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
        exchange.getResponseHeaders().put(Headers.ALLOW, Methods.GET_STRING);
        exchange.endExchange();
        return true;
    }
}
