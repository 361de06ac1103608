package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.CloseReason;

/** The socket side of a {@link Session}, implemented by the server package. Never blocks the caller. */
public interface Transport {
    /**
     * Starts the writer of this connection: it writes {@link OutboundQueue#takeBatch()} batches, one in flight at a
     * time, until a take comes back empty. Called once per writing turn ({@code START_WRITING}).
     */
    void startWriting(OutboundQueue queue);

    /**
     * Sends a close frame with this reason after what is already in flight, and closes the socket hard if that
     * cannot be done within the configured close timeout. Later calls do nothing.
     */
    void close(CloseReason reason);
}
