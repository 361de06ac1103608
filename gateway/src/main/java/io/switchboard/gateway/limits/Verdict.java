package io.switchboard.gateway.limits;

/** What to do with a client message, as {@link MessageLimits} decides before it is dispatched. */
public sealed interface Verdict {
    /** Dispatch the message. */
    Verdict ALLOWED = new Allowed();

    /** The message may be dispatched. */
    record Allowed() implements Verdict {}

    /**
     * The message is refused: answer {@code error} {@code rate_limited}.
     *
     * @param retryAfterMs when the bucket has a token again, for {@code retry_after_ms}
     */
    record Limited(long retryAfterMs) implements Verdict {}

    /**
     * The message is refused and the connection has been refused too often: close it with 4008. Every later message
     * of the connection gets this verdict too, until it is closed.
     *
     * @param first whether this is the connection's first such verdict (log it once)
     */
    record Abusive(boolean first) implements Verdict {}
}
