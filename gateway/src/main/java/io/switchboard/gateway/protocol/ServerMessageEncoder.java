package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Encodes {@link ServerMessage}s as UTF-8 JSON text frames, field names in snake_case, nulls left out. */
public final class ServerMessageEncoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    public Frame encode(ServerMessage message) {
        try {
            return Frame.text(mapper.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            // every message type is a plain record of strings and numbers: this is a programming error
            throw new IllegalStateException(
                    "cannot encode " + message.getClass().getSimpleName(), e);
        }
    }
}
