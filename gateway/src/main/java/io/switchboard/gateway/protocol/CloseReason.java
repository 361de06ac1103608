package io.switchboard.gateway.protocol;

/** The WebSocket close codes of PROTOCOL.md, "Close codes". */
public enum CloseReason {
    NORMAL(1000, "normal"),
    GOING_AWAY(1001, "gateway shutting down"),
    PROTOCOL_ERROR(1002, "protocol error"),
    INVALID_UTF8(1007, "invalid UTF-8 in a text frame"),
    MESSAGE_TOO_BIG(1009, "message over the inbound size limit"),
    INTERNAL_ERROR(1011, "internal error"),
    CREDENTIALS_EXPIRED(4001, "credentials expired or revoked"),
    RATE_LIMITED(4008, "rate limits exceeded repeatedly"),
    SLOW_CONSUMER(4009, "slow consumer: the outbound queue overflowed"),
    HEARTBEAT_TIMEOUT(4010, "heartbeat timeout");

    /** The close code of a connection that ended without a close frame (RFC 6455: never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final int code;
    private final String description;

    CloseReason(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** Sent as the close frame's reason text. */
    public String description() {
        return description;
    }
}
