package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds a {@link Message} from the fields of a {@code message} frame or of a binary frame's metadata. */
final class MessageFrames {
    private MessageFrames() {}

    /** The message of a text {@code message} frame. */
    static Message text(JsonNode frame) {
        JsonNode data = frame.get("data");
        return message(
                frame,
                data == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : data,
                Message.Kind.TEXT,
                null,
                null);
    }

    /** {@code bad_frame} when {@code fields} lacks the channel, the offset or the epoch. */
    static Message message(JsonNode fields, JsonNode data, Message.Kind kind, String contentType, byte[] payload) {
        if (!fields.path("channel").isTextual()
                || !fields.path("offset").canConvertToLong()
                || !fields.path("offset").isIntegralNumber()
                || !fields.path("epoch").isTextual()) {
            throw new SwitchboardException("bad_frame", "a message without channel, offset or epoch");
        }
        JsonNode event = fields.get("event");
        return new Message(
                fields.get("channel").asText(),
                event != null && event.isTextual() ? event.asText() : null,
                data,
                fields.get("offset").asLong(),
                fields.get("epoch").asText(),
                fields.path("ts").asLong(0),
                fields.path("replayed").asBoolean(false),
                kind,
                contentType,
                payload);
    }
}
