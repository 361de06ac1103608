package io.switchboard.gateway.session;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: who it is, and its bounded outbound queue. Any thread may send; nothing here blocks.
 * Identity is by reference (one object per connection).
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String id;
    private final Identity identity;
    private final List<String> acceptEncodings;
    private final OutboundQueue queue;
    private final Transport transport;
    private final ServerMessageEncoder encoder;
    private volatile boolean open = true;

    public Session(
            String id,
            Identity identity,
            List<String> acceptEncodings,
            OutboundQueue queue,
            Transport transport,
            ServerMessageEncoder encoder) {
        this.id = Objects.requireNonNull(id, "id");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.acceptEncodings = List.copyOf(acceptEncodings);
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** The connection id, {@code c-…}. */
    public String id() {
        return id;
    }

    public Identity identity() {
        return identity;
    }

    /** Encodings the client announced in {@code accept_encoding}. */
    public List<String> acceptEncodings() {
        return acceptEncodings;
    }

    /** Queues a reply for this connection. */
    public void send(ServerMessage message) {
        send(encoder.encode(message));
    }

    /** Queues a frame; the same frame instance may be queued to many sessions. */
    public void send(Frame frame) {
        switch (queue.offer(frame)) {
            case START_WRITING -> transport.startWriting(queue);
            case OVERFLOW -> {
                LOG.info("slow-consumer: closing {} with 4009, outbound queue over its bounds", id);
                transport.close(CloseReason.SLOW_CONSUMER);
            }
            case QUEUED, CLOSED -> {
                // QUEUED leaves with the next batch; CLOSED drops frames for a closing connection
            }
        }
    }

    /** Closes the connection with this reason; frames queued and not yet in flight are dropped. */
    public void close(CloseReason reason) {
        queue.close();
        transport.close(reason);
    }

    /** Called by the server once the socket is closed. */
    public void markClosed() {
        open = false;
        queue.close();
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "Session[" + id + "]";
    }
}
