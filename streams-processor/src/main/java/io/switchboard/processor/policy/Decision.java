package io.switchboard.processor.policy;

/** The outcome of an {@link AccessPolicy} check. */
public sealed interface Decision {
    /** The action is allowed. */
    record Allowed() implements Decision {}

    /**
     * The action is refused.
     *
     * @param code a PROTOCOL.md error code, e.g. {@code permission_denied} or {@code unknown_channel}
     * @param message a human-readable explanation for the client
     */
    record Denied(String code, String message) implements Decision {}

    String PERMISSION_DENIED = "permission_denied";
    String UNKNOWN_CHANNEL = "unknown_channel";

    static Decision allowed() {
        return new Allowed();
    }

    static Decision denied(String code, String message) {
        return new Denied(code, message);
    }
}
