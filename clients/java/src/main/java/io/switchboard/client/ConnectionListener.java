package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What happens to a client's connection. Every method has an empty default: override those you need. Called on the
 * client's event thread, in order.
 */
public interface ConnectionListener {
    /** A gateway welcomed a connection (the first one, or one after a reconnection); {@code welcome} is its frame. */
    default void onOpen(JsonNode welcome) {}

    /** A connection ended with {@code code} (1006 when the socket died without a close frame). */
    default void onClose(int code, String reason) {}

    /** The client will try again in {@code delay}; {@code attempt} is 1 for the first retry after a success. */
    default void onReconnecting(int attempt, Duration delay) {}

    /** A connection was restored with a reconnection token ({@code "resumed": true}); follows {@link #onOpen}. */
    default void onResumed(JsonNode welcome) {}

    /**
     * Something went wrong that no future reports: a malformed frame, an error frame without a request, a channel
     * the gateway ended or could not recover, a failed connection attempt, an exception thrown by a listener.
     */
    default void onError(SwitchboardException error) {}

    /**
     * A server frame the client does not consume itself: a reply to a frame sent with {@link
     * SwitchboardClient#send}, or a frame type newer than this client.
     */
    default void onUnhandledFrame(JsonNode frame) {}
}
