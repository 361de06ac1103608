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
}
