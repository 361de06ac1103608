package io.switchboard.gateway.routing;

import io.switchboard.schemas.avro.ClientAction;

/** Where client actions go: the actions topic. Never blocks the caller (it may be a socket I/O thread). */
public interface ActionSink {
    /**
     * Forwards an action, keyed by user id or, for an anonymous connection, connection id; actions of one gateway
     * are sent in the order of the calls.
     *
     * @param onFailure called (on some other thread) when the action could not be written
     */
    void forward(ClientAction action, Runnable onFailure);

    /**
     * Forwards an action under an explicit key, for an action that belongs to no user yet: a {@code Resume} is keyed
     * by its token hash, so that every use of one token reaches the same partition of the processor.
     */
    void forward(String key, ClientAction action, Runnable onFailure);
}
