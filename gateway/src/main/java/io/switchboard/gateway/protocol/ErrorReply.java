package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The one error reply type: an {@code error} frame. A client error never closes the connection.
 *
 * @param id the client's message id, or null
 * @param code the error code
 * @param message a human-readable explanation
 * @param channel the channel concerned, or null
 * @param retryAfterMs with {@code rate_limited}: when to retry; otherwise null
 */
@JsonPropertyOrder({"type", "id", "code", "message", "channel", "retry_after_ms"})
public record ErrorReply(String id, ErrorCode code, String message, String channel, Long retryAfterMs)
        implements ServerMessage {
    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ErrorReply of(String id, ErrorCode code, String message) {
        return new ErrorReply(id, code, message, null, null);
    }

    public static ErrorReply of(String id, ErrorCode code, String message, String channel) {
        return new ErrorReply(id, code, message, channel, null);
    }

    @Override
    public String type() {
        return "error";
    }
}
