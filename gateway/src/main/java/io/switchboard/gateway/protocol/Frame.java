package io.switchboard.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One outbound WebSocket data frame, immutable: a fan-out frame is built once and the same instance is queued to
 * every subscriber. {@link #payload()} hands each writer its own read-only view.
 *
 * <p>A frame may carry a channel position ({@link #at}): once it is written to a connection, that connection has
 * every message of the channel up to this position. {@code message} frames carry their own; a {@code subscribed}
 * frame carries the position delivery starts after.
 *
 * <p>A live delivery's frame also carries its event time ({@link #live}): the delivery latency (event time to frame
 * written) is measured when it leaves for a socket.
 */
public final class Frame {
    /** {@link #eventTimeMillis()} of a frame that is not a live delivery. */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    private final boolean binary;
    private final ByteBuffer bytes;
    private final String channel;
    private final Position position;
    private final long eventTimeMillis;

    private Frame(boolean binary, ByteBuffer bytes, String channel, Position position, long eventTimeMillis) {
        this.binary = binary;
        this.bytes = bytes;
        this.channel = channel;
        this.position = position;
        this.eventTimeMillis = eventTimeMillis;
    }

    private Frame(boolean binary, byte[] bytes) {
        this(binary, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), null, null, NO_EVENT_TIME);
    }

    /** A text frame holding these UTF-8 bytes (the caller guarantees they are valid UTF-8). */
    public static Frame text(byte[] utf8) {
        return new Frame(false, utf8);
    }

    public static Frame text(String text) {
        return new Frame(false, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame binary(byte[] bytes) {
        return new Frame(true, bytes);
    }

    /** The same bytes, marked as bringing the connection to {@code position} in {@code channel}. */
    public Frame at(String channel, Position position) {
        return new Frame(binary, bytes, channel, position, eventTimeMillis);
    }

    /**
     * The same frame as the live delivery of an event of this time (epoch milliseconds), whose latency is recorded
     * once it is written. Recovered and replayed messages are not live: their age is not delivery latency.
     */
    Frame live(long eventTimeMillis) {
        return new Frame(binary, bytes, channel, position, eventTimeMillis);
    }

    /**
     * The same frame with its bytes in direct memory. For a frame written to many sockets: the JDK copies a heap
     * buffer into a temporary direct buffer on every socket write, and in a gathering write of many frames its cache
     * of those buffers is searched once per frame, which cost the I/O threads more than everything else together.
     */
    Frame direct() {
        if (bytes.isDirect()) {
            return this;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(bytes.capacity());
        copy.put(bytes.duplicate().clear());
        copy.flip();
        return new Frame(binary, copy.asReadOnlyBuffer(), channel, position, eventTimeMillis);
    }

    /** The event time of a live delivery, epoch milliseconds; {@link #NO_EVENT_TIME} for any other frame. */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    /** The channel of {@link #position()}; null for a frame without a position. */
    public String channel() {
        return channel;
    }

    /** The channel position a connection has reached once this frame is written; null when none. */
    public Position position() {
        return position;
    }

    public boolean isBinary() {
        return binary;
    }

    /** Payload size in bytes. */
    public int size() {
        return bytes.capacity();
    }

    /** Puts the payload into {@code target} at its position, which advances: a copy without a view of its own. */
    public void copyTo(ByteBuffer target) {
        int at = target.position();
        target.put(at, bytes, 0, bytes.capacity());
        target.position(at + bytes.capacity());
    }

    /** A fresh read-only view of the payload, positioned at its start. */
    public ByteBuffer payload() {
        return bytes.duplicate();
    }

    @Override
    public String toString() {
        return (binary ? "Frame[binary, " : "Frame[text, ") + size() + " bytes]";
    }
}
