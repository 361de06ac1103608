package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.gateway.protocol.ClientMessage.Ack;
import io.switchboard.gateway.protocol.ClientMessage.GetReconnectionToken;
import io.switchboard.gateway.protocol.ClientMessage.Ping;
import io.switchboard.gateway.protocol.ClientMessage.Presence;
import io.switchboard.gateway.protocol.ClientMessage.Publish;
import io.switchboard.gateway.protocol.ClientMessage.Refresh;
import io.switchboard.gateway.protocol.ClientMessage.Subscribe;
import io.switchboard.gateway.protocol.ClientMessage.Unsubscribe;
import io.switchboard.schemas.ChannelName;
import java.util.Optional;

/**
 * Decodes and validates one client text frame (PROTOCOL.md, "Frames from the client"). Anything invalid becomes
 * an {@link InvalidFrameException} carrying the error frame to send: {@code bad_request} for bad JSON or fields
 * (with the client's id echoed when the id itself is valid), {@code unknown_type} for an unknown type.
 */
public final class ClientMessageDecoder {
    /** Longest accepted event name and epoch. */
    static final int MAX_NAME_LENGTH = 200;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // keep numbers in publish data exactly as the client wrote them
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public ClientMessage decode(String text) throws InvalidFrameException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw bad(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // a decimal whose exponent BigDecimal cannot hold (found by ClientMessageDecoderFuzzTest)
            throw bad(null, "not valid JSON: a number is out of range");
        }
        if (root == null || !root.isObject()) {
            throw bad(null, "a frame must be one JSON object");
        }
        String id = id(root);
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw bad(id, "field 'type' must be a string");
        }
        return switch (type.textValue()) {
            case "subscribe" -> new Subscribe(id, channel(root, id), since(root, id), presence(root, id));
            case "unsubscribe" -> new Unsubscribe(id, channel(root, id));
            case "publish" -> new Publish(id, channel(root, id), event(root, id), data(root, id), receipts(root, id));
            case "presence" -> new Presence(id, channel(root, id), after(root, id));
            case "ping" -> new Ping(id);
            case "get_reconnection_token" -> new GetReconnectionToken(id);
            case "ack" -> new Ack(id, channel(root, id), offset(root.get("offset"), "offset", 0, id));
            case "refresh" -> new Refresh(id, requiredString(root, "token", id));
            default ->
                throw new InvalidFrameException(ErrorReply.of(
                        id, ErrorCode.UNKNOWN_TYPE, "unknown type '" + abbreviate(type.textValue()) + "'"));
        };
    }

    /** The client's {@code id}: null when left out, else a string of at most 64 characters. */
    static String id(JsonNode root) throws InvalidFrameException {
        JsonNode id = root.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.textValue().length() > ClientMessage.MAX_ID_LENGTH) {
            throw bad(null, "field 'id' must be a string of at most " + ClientMessage.MAX_ID_LENGTH + " characters");
        }
        return id.textValue();
    }

    /** The required {@code channel}: a valid channel name. */
    static String channel(JsonNode root, String id) throws InvalidFrameException {
        String channel = requiredString(root, "channel", id);
        try {
            ChannelName.parse(channel);
        } catch (IllegalArgumentException e) {
            throw bad(id, e.getMessage());
        }
        return channel;
    }

    private static Optional<Position> since(JsonNode root, String id) throws InvalidFrameException {
        JsonNode since = root.get("since");
        if (since == null || since.isNull()) {
            return Optional.empty();
        }
        if (!since.isObject()) {
            throw bad(id, "field 'since' must be an object {\"offset\": n, \"epoch\": \"...\"}");
        }
        long offset = offset(since.get("offset"), "since.offset", -1, id);
        JsonNode epoch = since.get("epoch");
        if (epoch == null
                || !epoch.isTextual()
                || epoch.textValue().isEmpty()
                || epoch.textValue().length() > MAX_NAME_LENGTH) {
            throw bad(id, "field 'since.epoch' must be a non-empty string");
        }
        return Optional.of(new Position(offset, epoch.textValue()));
    }

    /** The optional {@code presence} of a subscribe: a boolean, false when left out. */
    private static boolean presence(JsonNode root, String id) throws InvalidFrameException {
        JsonNode presence = root.get("presence");
        if (presence == null || presence.isNull()) {
            return false;
        }
        if (!presence.isBoolean()) {
            throw bad(id, "field 'presence' must be true or false");
        }
        return presence.booleanValue();
    }

    /** The optional {@code after} of a presence query: a user id (the {@code next} of the previous page). */
    private static Optional<String> after(JsonNode root, String id) throws InvalidFrameException {
        JsonNode after = root.get("after");
        if (after == null || after.isNull()) {
            return Optional.empty();
        }
        if (!after.isTextual() || !ChannelName.isValidUserId(after.textValue())) {
            throw bad(id, "field 'after' must be a user id (the 'next' of the previous page)");
        }
        return Optional.of(after.textValue());
    }

    /** The optional {@code event}: a non-empty name of at most {@link #MAX_NAME_LENGTH} characters. */
    static Optional<String> event(JsonNode root, String id) throws InvalidFrameException {
        JsonNode event = root.get("event");
        if (event == null || event.isNull()) {
            return Optional.empty();
        }
        if (!event.isTextual()
                || event.textValue().isEmpty()
                || event.textValue().length() > MAX_NAME_LENGTH
                || hasLoneSurrogate(event.textValue())) {
            throw bad(id, "field 'event' must be a non-empty string of at most " + MAX_NAME_LENGTH + " characters");
        }
        return Optional.of(event.textValue());
    }

    /** The optional {@code receipts} of a publish: true or false, false when left out. */
    static boolean receipts(JsonNode root, String id) throws InvalidFrameException {
        JsonNode receipts = root.get("receipts");
        if (receipts == null || receipts.isNull()) {
            return false;
        }
        if (!receipts.isBoolean()) {
            throw bad(id, "field 'receipts' must be true or false");
        }
        return receipts.booleanValue();
    }

    private String data(JsonNode root, String id) throws InvalidFrameException {
        JsonNode data = root.get("data");
        if (data == null) {
            throw bad(id, "field 'data' is required");
        }
        if (JsonNumbers.hasExtremeExponent(data)) {
            throw bad(id, "field 'data' holds a number with an exponent beyond ±" + JsonNumbers.MAX_EXPONENT);
        }
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JacksonException e) {
            throw bad(id, "field 'data' cannot be serialized: " + e.getOriginalMessage());
        }
        if (hasLoneSurrogate(json)) {
            throw bad(id, "field 'data' holds a \\u escape of a lone UTF-16 surrogate, which is no character");
        }
        return json;
    }

    /**
     * Whether text holds half of a surrogate pair: JSON's {@code \\ud800} escape decodes to one, and UTF-8 (the
     * wire, Kafka) cannot carry it, so it would silently become '?' (found by ClientMessageDecoderFuzzTest).
     */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static long offset(JsonNode offset, String field, long min, String id) throws InvalidFrameException {
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < min) {
            throw bad(id, "field '" + field + "' must be a whole number >= " + min);
        }
        return offset.longValue();
    }

    private static String requiredString(JsonNode root, String field, String id) throws InvalidFrameException {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw bad(id, "field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    /** At most the first 64 characters of client text, for an error message. */
    static String abbreviate(String text) {
        return text.length() <= ClientMessage.MAX_ID_LENGTH
                ? text
                : text.substring(0, ClientMessage.MAX_ID_LENGTH) + "...";
    }

    static InvalidFrameException bad(String id, String message) {
        return new InvalidFrameException(ErrorReply.of(id, ErrorCode.BAD_REQUEST, message));
    }
}
