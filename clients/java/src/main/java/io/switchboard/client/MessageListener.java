package io.switchboard.client;

/**
 * Receives the messages of one subscribed channel: each once, in order, across reconnections. Called on the client's
 * event thread; a listener that blocks delays every other callback of its client, and an exception it throws is
 * reported to {@link ConnectionListener#onError} without stopping the messages after it.
 */
@FunctionalInterface
public interface MessageListener {
    void onMessage(Message message);
}
