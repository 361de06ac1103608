package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The error codes of an {@code error} frame (PROTOCOL.md, "Frames from the server"). */
public enum ErrorCode {
    /** Not JSON, missing or wrong field. */
    BAD_REQUEST,
    UNKNOWN_TYPE,
    UNAUTHORIZED,
    PERMISSION_DENIED,
    UNKNOWN_CHANNEL,
    RATE_LIMITED,
    MESSAGE_TOO_LARGE,
    TOKEN_INVALID,
    /** The event backbone cannot take the action now, or the feature is not available yet; retry later. */
    UNAVAILABLE,
    INTERNAL;

    /** The code as written on the wire, e.g. {@code bad_request}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code with this wire name, e.g. from a processor's refusal. */
    public static Optional<ErrorCode> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(code -> code.wireName().equals(wireName))
                .findFirst();
    }
}
