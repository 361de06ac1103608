package io.switchboard.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.schemas.avro.UserEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the values of the role directory {@code switchboard.users}: Avro {@link UserEntry} in single-object encoding
 * (recognised by its {@code C3 01} marker), or the JSON object an identity service may write instead: {@code
 * {"roles": ["admin"], "updated_by": "idp"}}, where only {@code roles} is required.
 * Roles keep their order; duplicates are dropped.
 */
public final class UserEntryCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> FIELDS = Set.of("roles", "updated_by");
    private static final AvroSerde<UserEntry> AVRO = SwitchboardSerdes.userEntry();

    private UserEntryCodec() {}

    /**
     * Decodes one non-null value.
     *
     * @param recordTime the record's timestamp, the entry's {@code updatedAt} when the JSON form carries none
     * @throws IllegalArgumentException naming what is wrong
     */
    public static UserEntry decode(byte[] value, Instant recordTime) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty user entry");
        }
        UserEntry entry = value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == (byte) 0x01
                ? decodeAvro(value)
                : decodeJson(value, recordTime);
        entry.setRoles(List.copyOf(new LinkedHashSet<>(entry.getRoles())));
        for (String role : entry.getRoles()) {
            if (role.isBlank()) {
                throw new IllegalArgumentException("a role name must not be blank");
            }
        }
        return entry;
    }

    /** Encodes an entry as Avro single-object bytes, the form Switchboard itself writes. */
    public static byte[] encode(UserEntry entry) {
        return AVRO.encode(entry);
    }

    private static UserEntry decodeAvro(byte[] value) {
        try {
            return AVRO.decode(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Avro UserEntry: " + e.getMessage(), e);
        }
    }

    private static UserEntry decodeJson(byte[] value, Instant recordTime) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("neither Avro nor valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not readable as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a user entry must be a JSON object with 'roles'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        JsonNode roles = root.get("roles");
        if (roles == null || !roles.isArray()) {
            throw new IllegalArgumentException("'roles' must be an array of strings");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode role : roles) {
            if (!role.isTextual()) {
                throw new IllegalArgumentException("'roles' must be an array of strings");
            }
            names.add(role.textValue());
        }
        JsonNode by = root.get("updated_by");
        if (by != null && !by.isNull() && !by.isTextual()) {
            throw new IllegalArgumentException("'updated_by' must be a string");
        }
        return UserEntry.newBuilder()
                .setRoles(names)
                .setUpdatedAt(recordTime)
                .setUpdatedBy(by == null || by.isNull() ? null : by.textValue())
                .build();
    }
}
