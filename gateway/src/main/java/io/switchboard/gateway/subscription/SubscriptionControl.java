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
     * <p>With {@code since}, the session first receives every retained message of the channel after it, in order,
     * then the live stream with no gap and no duplicate, when {@code since} can be honoured: its epoch is the
     * channel's current one and the message after it is still retained. An empty epoch asks for every retained
     * message after {@code since} whatever the epoch (an inbox read). Otherwise the session gets the live stream
     * only, and the activation says {@code recovered: false}.
     *
     * @param since where the client's copy of the channel ends; null for the live stream only
     * @param onActive called once, before any message of the channel is queued to the session, with what the {@code
     *     subscribed} frame says; it must queue that frame to the session at once
     * @param onFailure called with a client-fit reason when the channel's output topic cannot be read now
     */
    void activate(
            Session session, String channel, Position since, Consumer<Activation> onActive, Consumer<String> onFailure);

    /**
     * Stops delivering a channel to a session (and any recovery of it in progress): applied at once when the
     * delivery thread waits in a poll, otherwise right after the batch it is fanning out.
     *
     * @param then called once delivery has stopped (may be null)
     */
    void deactivate(Session session, String channel, Runnable then);

    /** Stops every delivery and recovery to a closed session. */
    void removeSession(Session session);
}
