package io.switchboard.gateway.subscription;

import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import java.util.function.Consumer;

/**
 * Starts and stops the delivery of channels to sessions. Calls return at once; the work happens on the delivery
 * thread between two polls, so activation is exact: every record after the reported position reaches the session,
 * none before it.
 */
public interface SubscriptionControl {
    /**
     * Starts delivering a channel (granted by the processor) to a session.
     *
     * @param onActive called with the position the live stream continues from, before any message of the channel
     *     is queued to the session
     * @param onFailure called with a client-fit reason when the channel's output topic cannot be read now
     */
    void activate(Session session, String channel, Consumer<Position> onActive, Consumer<String> onFailure);

    /**
     * Stops delivering a channel to a session: applied at once when the delivery thread waits in a poll, otherwise
     * right after the batch it is fanning out.
     *
     * @param then called once delivery has stopped (may be null)
     */
    void deactivate(Session session, String channel, Runnable then);

    /** Stops every delivery to a closed session. */
    void removeSession(Session session);
}
