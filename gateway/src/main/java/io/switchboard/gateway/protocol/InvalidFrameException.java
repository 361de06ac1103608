package io.switchboard.gateway.protocol;

/** A client frame that cannot be accepted; {@link #reply()} is the error frame to send back. */
public final class InvalidFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorReply reply;

    InvalidFrameException(ErrorReply reply) {
        super(reply.code().wireName() + ": " + reply.message(), null, false, false);
        this.reply = reply;
    }

    public ErrorReply reply() {
        return reply;
    }
}
