package io.switchboard.gateway.server;

import io.switchboard.gateway.protocol.Frame;
import io.undertow.websockets.core.WebSocketCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * How a connection's frames reach its socket, on the connection's I/O thread: {@link SocketFrames} when no extension
 * transforms them, else {@link UndertowFrames}. Either keeps the order of everything written through it.
 */
interface FrameWrites {
    /**
     * Writes these frames, in order.
     *
     * @param written told once the socket took them all (possibly before the return), unless this returns true; may
     *     be null
     * @return true when the socket took them all at once: {@code written} is not told
     */
    boolean write(List<Frame> frames, WebSocketCallback<Void> written) throws IOException;

    /** Writes a ping or pong ({@link FrameHeader#PING}, {@link FrameHeader#PONG}) of at most 125 bytes. */
    void control(byte opcode, ByteBuffer payload) throws IOException;
}
