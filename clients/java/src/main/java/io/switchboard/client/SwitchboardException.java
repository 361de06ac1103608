package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An error with a code: the server's ({@code permission_denied}, {@code rate_limited}, … PROTOCOL.md "Frames from the
 * server") or one of the client's own:
 *
 * <ul>
 *   <li>{@code closed}: the client is closed, or the gateway closed it for good;
 *   <li>{@code connection_closed}: the connection closed before the reply came (the request may or may not have
 *       taken effect);
 *   <li>{@code connect_failed}: a connection attempt failed (unreachable gateway or proxy, HTTP refusal);
 *   <li>{@code bad_frame}: a server frame the client could not read (it goes on with the next one);
 *   <li>{@code not_recovered}: a channel's missed messages could not be recovered (a gap);
 *   <li>{@code already_subscribed}, {@code unsubscribed}, {@code permission_revoked}, {@code channel_closed},
 *       {@code token_invalid}, {@code listener_failed}.
 * </ul>
 */
public final class SwitchboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String channel;
    private final Long retryAfterMs;
    private final transient JsonNode frame;

    public SwitchboardException(String code, String message) {
        this(code, message, null, null, null, null);
    }

    public SwitchboardException(String code, String message, Throwable cause) {
        this(code, message, null, null, null, cause);
    }

    SwitchboardException(
            String code, String message, String channel, Long retryAfterMs, JsonNode frame, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.channel = channel;
        this.retryAfterMs = retryAfterMs;
        this.frame = frame;
    }

    /** The error carried by a server {@code error} frame. */
    static SwitchboardException fromFrame(JsonNode frame) {
        String code = frame.path("code").asText("internal");
        JsonNode retry = frame.get("retry_after_ms");
        return new SwitchboardException(
                code,
                frame.path("message").asText(code),
                frame.hasNonNull("channel") ? frame.get("channel").asText() : null,
                retry != null && retry.canConvertToLong() ? retry.asLong() : null,
                frame,
                null);
    }

    /** The error code, e.g. {@code permission_denied}. */
    public String code() {
        return code;
    }

    /** The channel the error is about, when it names one. */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    /** How long to wait before trying again, with {@code rate_limited}. */
    public Optional<Long> retryAfterMs() {
        return Optional.ofNullable(retryAfterMs);
    }

    /** The server's {@code error} frame, when the error came in one. */
    public Optional<JsonNode> frame() {
        return Optional.ofNullable(frame);
    }

    @Override
    public String toString() {
        return "SwitchboardException[" + code + "]: " + getMessage();
    }
}
