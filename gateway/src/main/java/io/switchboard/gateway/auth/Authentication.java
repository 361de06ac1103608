package io.switchboard.gateway.auth;

/** The outcome of authenticating an upgrade request. */
public sealed interface Authentication {
    /** The connection may open as this identity. */
    record Accepted(Identity identity) implements Authentication {}

    /**
     * The upgrade is refused with this HTTP status before any WebSocket frame.
     *
     * @param reason a short text for the response body; never contains a credential
     */
    record Rejected(int status, String reason) implements Authentication {}
}
