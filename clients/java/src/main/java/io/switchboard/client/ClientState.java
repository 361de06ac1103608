package io.switchboard.client;

/** Where a {@link SwitchboardClient} is in its life. */
public enum ClientState {
    /** The first connection is being opened. */
    CONNECTING,
    /** A gateway welcomed the current connection. */
    OPEN,
    /** The connection was lost; the client waits to try again or is trying. */
    RECONNECTING,
    /** For good: {@link SwitchboardClient#close()} was called, or the gateway closed with a final code. */
    CLOSED
}
