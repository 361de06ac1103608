package io.switchboard.launcher.cli;

/**
 * A command could not do its work for a reason the user can act on (Kafka unreachable, no such rule): the message
 * alone is printed, without a stack trace, and the command exits 1.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }

    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
