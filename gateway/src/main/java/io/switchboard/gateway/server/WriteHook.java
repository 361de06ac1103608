package io.switchboard.gateway.server;

/**
 * Runs on a connection's I/O thread before each batch of frames is written to it. Production gateways have none; a
 * test uses one to make the delivery path slow, as a gateway whose I/O threads are overloaded is.
 */
@FunctionalInterface
public interface WriteHook {
    /** No hook: what {@link io.switchboard.gateway.SwitchboardGateway#start} uses. */
    WriteHook NONE = frames -> {};

    /** A batch of this many frames is about to be written, on the connection's I/O thread. */
    void beforeBatch(int frames);
}
