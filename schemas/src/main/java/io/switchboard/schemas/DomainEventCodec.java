package io.switchboard.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.switchboard.schemas.avro.Audience;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the domain events services produce to {@code switchboard.events}: the JSON format of DESIGN.md, or
 * Avro {@link DomainEvent} in single-object encoding (recognised by its {@code C3 01} marker).
 */
public final class DomainEventCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> FIELDS = Set.of("id", "channel", "event", "data", "audience", "receipts");
    private static final AvroSerde<DomainEvent> AVRO = SwitchboardSerdes.domainEvent();
    /** Largest size a compressed payload may inflate to; gateways deliver nothing larger either. */
    public static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    private DomainEventCodec() {}

    /**
     * Decodes and validates one record value.
     *
     * @throws InvalidEventException naming what is wrong, fit for the DLQ reason header
     */
    public static DomainEvent decode(byte[] value) throws InvalidEventException {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty record value");
        }
        DomainEvent event = isAvro(value) ? decodeAvro(value) : decodeJson(value);
        validate(event);
        return event;
    }

    /** Encodes an event as Avro single-object bytes, the binary form services may produce. */
    public static byte[] encodeAvro(DomainEvent event) {
        return AVRO.encode(event);
    }

    private static boolean isAvro(byte[] value) {
        return value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == (byte) 0x01;
    }

    private static DomainEvent decodeAvro(byte[] value) throws InvalidEventException {
        try {
            return AVRO.decode(value);
        } catch (RuntimeException e) {
            throw new InvalidEventException("not a valid Avro DomainEvent: " + e.getMessage(), e);
        }
    }

    private static DomainEvent decodeJson(byte[] value) throws InvalidEventException {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("a domain event must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidEventException("unknown field '" + name + "'");
            }
        }
        JsonNode data = root.has("data") ? root.get("data") : NullNode.getInstance();
        return DomainEvent.newBuilder()
                .setId(optionalText(root, "id"))
                .setChannel(optionalText(root, "channel"))
                .setEvent(optionalText(root, "event"))
                .setPayload(jsonPayload(data))
                .setAudience(audience(root.get("audience")))
                .setReceipts(receipts(root.get("receipts")))
                .build();
    }

    private static Payload jsonPayload(JsonNode data) throws InvalidEventException {
        try {
            return Payload.newBuilder()
                    .setKind(PayloadKind.JSON)
                    .setContentType("application/json")
                    .setEncoding(PayloadEncoding.NONE)
                    .setData(ByteBuffer.wrap(JSON.writeValueAsBytes(data)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static String optionalText(JsonNode root, String field) throws InvalidEventException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException("'" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static boolean receipts(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidEventException("'receipts' must be true or false");
        }
        return node.booleanValue();
    }

    private static Audience audience(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidEventException("'audience' must be an object with 'users' and/or 'roles'");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("users") && !name.equals("roles")) {
                throw new InvalidEventException("unknown field 'audience." + name + "'");
            }
        }
        return new Audience(stringList(node, "users"), stringList(node, "roles"));
    }

    private static List<String> stringList(JsonNode parent, String field) throws InvalidEventException {
        JsonNode node = parent.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new InvalidEventException("'audience." + field + "' must be an array of strings");
        }
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().isEmpty()) {
                throw new InvalidEventException("'audience." + field + "' must hold non-empty strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static void validate(DomainEvent event) throws InvalidEventException {
        boolean hasAudience = event.getAudience() != null
                && !(event.getAudience().getUsers().isEmpty()
                        && event.getAudience().getRoles().isEmpty());
        if (event.getChannel() == null && !hasAudience) {
            throw new InvalidEventException("'channel' is required unless 'audience' is given");
        }
        if (event.getChannel() != null) {
            try {
                ChannelName.parse(event.getChannel());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("invalid 'channel': " + e.getMessage(), e);
            }
        }
        if (event.getReceipts()) {
            validateReceipts(event, hasAudience);
        }
        if (event.getEvent() != null && event.getEvent().length() > 200) {
            throw new InvalidEventException("'event' is longer than 200 characters");
        }
        Payload payload = event.getPayload();
        byte[] data = inflated(payload);
        if (payload.getKind() == PayloadKind.JSON) {
            requireJson(data);
        }
    }

    /**
     * Receipts name the event by its id, and only personal channels have one recipient to answer: an event that asks
     * for them must have an id and reach a personal channel, as its channel or through an audience. Its copy to a
     * channel that is not personal asks for none.
     */
    private static void validateReceipts(DomainEvent event, boolean hasAudience) throws InvalidEventException {
        if (event.getId() == null || event.getId().isEmpty()) {
            throw new InvalidEventException("'receipts' is true but the event has no 'id'");
        }
        boolean personal = event.getChannel() != null
                && ChannelName.parse(event.getChannel()).family().equals(ChannelName.PERSONAL_FAMILY);
        if (!personal && !hasAudience) {
            throw new InvalidEventException(
                    "'receipts' is true but the event reaches no personal channel (user:<id>, or an audience)");
        }
    }

    // A compressed payload is checked here, once, so that receivers that take it as stored get only valid bytes.
    private static byte[] inflated(Payload payload) throws InvalidEventException {
        byte[] bytes = ByteBuffers.bytes(payload.getData());
        try {
            return new PayloadInflater(MAX_INFLATED_BYTES).inflate(payload.getEncoding(), bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("payload " + e.getMessage(), e);
        }
    }

    private static void requireJson(byte[] bytes) throws InvalidEventException {
        try {
            JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException("JSON payload is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
