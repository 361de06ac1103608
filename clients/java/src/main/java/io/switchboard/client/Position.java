package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A position in a channel's stream: an offset, which only compares within its epoch. */
record Position(long offset, String epoch) {

    /**
     * Whether {@code message} comes after this position: a message of another epoch (the topic was recreated) is
     * new, its offsets start again.
     */
    static boolean isAfter(Position last, Message message) {
        return last == null || !last.epoch.equals(message.epoch()) || message.offset() > last.offset;
    }

    static Position of(Message message) {
        return new Position(message.offset(), message.epoch());
    }

    /** The {@code position} of a {@code subscribed} frame, or null when it has none. */
    static Position from(JsonNode position) {
        if (position == null
                || !position.path("offset").canConvertToLong()
                || !position.path("epoch").isTextual()) {
            return null;
        }
        return new Position(
                position.get("offset").asLong(), position.get("epoch").asText());
    }

    /** As the {@code since} of a {@code subscribe} frame. */
    ObjectNode toJson() {
        ObjectNode since = JsonNodeFactory.instance.objectNode();
        since.put("offset", offset);
        since.put("epoch", epoch);
        return since;
    }
}
