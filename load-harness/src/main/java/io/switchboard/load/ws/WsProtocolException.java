package io.switchboard.load.ws;

/** The server broke RFC 6455 in a way the harness cannot read past; the connection is given up. */
public final class WsProtocolException extends Exception {
    public WsProtocolException(String message) {
        super(message);
    }
}
