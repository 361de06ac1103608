package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.CloseReason;
import java.time.Duration;

/** The socket side of a {@link Session}, implemented by the server package. Never blocks the caller. */
public interface Transport {
    /**
     * Starts the writer of this connection: it writes {@link OutboundQueue#takeBatch()} batches, one in flight at a
     * time, until a take comes back empty. Called once per writing turn ({@code START_WRITING}).
     */
    void startWriting(OutboundQueue queue);

    /**
     * Sends a close frame with this reason after every frame queued before it ({@link OutboundQueue#closeAndTakeRest}:
     * the queue refuses frames from then on), and closes the socket hard if that cannot be done within the configured
     * close timeout. Later calls do nothing.
     */
    void close(CloseReason reason);

    /**
     * Runs {@code task} once after {@code delay} on the connection's I/O thread, without a thread of its own. One
     * task may be pending per connection: scheduling again replaces it. A pending task is dropped when the
     * connection closes.
     */
    void schedule(Runnable task, Duration delay);

    /** Runs a task that may block (verifying a token against a remote key set) off the connection's I/O thread. */
    void runBlocking(Runnable task);
}
