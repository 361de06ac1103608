package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a channel, as a {@link MessageListener} receives it, whatever frame carried it: a text {@code
 * message} frame, or a binary frame (PROTOCOL.md, "Binary frames"). Immutable.
 *
 * <p>For JSON payloads (text frames and {@code COMPRESSED_JSON}, inflated) {@link #data()} holds the JSON value and
 * {@link #payload()} is empty. For the other binary kinds (IMAGE, AUDIO, VIDEO, CUSTOM) {@link #data()} is JSON
 * {@code null}, {@link #payload()} holds the bytes (inflated when they came compressed) and {@link #contentType()}
 * says what they are.
 *
 * @param channel the channel, e.g. {@code forum_threads:42}
 * @param event the event name, or null when the message has none
 * @param data the JSON value (never Java null: JSON {@code null} for binary media)
 * @param offset the message's position in its channel; grows strictly within one epoch
 * @param epoch the incarnation of the channel's stream that {@code offset} counts in
 * @param ts the event time, epoch milliseconds
 * @param replayed whether this is a re-delivered copy (operator replay)
 * @param kind how the message travelled
 * @param contentType the MIME type of a binary payload; null for text frames
 */
public record Message(
        String channel,
        String event,
        JsonNode data,
        long offset,
        String epoch,
        long ts,
        boolean replayed,
        Kind kind,
        String contentType,
        byte[] payload) {

    /** How a message travelled: a text frame, or one of the binary frame kinds. */
    public enum Kind {
        TEXT,
        IMAGE,
        AUDIO,
        VIDEO,
        COMPRESSED_JSON,
        CUSTOM
    }

    public Message {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(kind, "kind");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** The bytes of a binary media payload (a copy); empty for JSON payloads. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The event name, when the message has one. */
    public Optional<String> eventName() {
        return Optional.ofNullable(event);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that
                && offset == that.offset
                && ts == that.ts
                && replayed == that.replayed
                && channel.equals(that.channel)
                && Objects.equals(event, that.event)
                && data.equals(that.data)
                && epoch.equals(that.epoch)
                && kind == that.kind
                && Objects.equals(contentType, that.contentType)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, offset, epoch);
    }

    @Override
    public String toString() {
        return "Message[" + channel + " @" + offset + "/" + epoch + (event == null ? "" : " " + event) + ", " + kind
                + (payload.length > 0 ? ", " + payload.length + " bytes " + contentType : ", data=" + data) + "]";
    }
}
