package io.switchboard.client;

/**
 * Sees every frame a client sends and receives, for debugging ({@code switchboard connect --verbose}). Text frames
 * are given as they are; a binary frame as a one-line summary of its header and metadata. Credentials never appear:
 * they travel in the handshake, and a {@code refresh} frame's token is masked. Called on the client's event thread
 * (frames out) and on the socket's thread (frames in): an implementation must be thread-safe.
 */
@FunctionalInterface
public interface FrameLogger {
    /** Which way a frame went. */
    enum Direction {
        IN,
        OUT
    }

    void log(Direction direction, String frame);
}
