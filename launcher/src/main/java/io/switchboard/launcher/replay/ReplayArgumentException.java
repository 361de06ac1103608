package io.switchboard.launcher.replay;

/**
 * An argument turned out to be wrong once Kafka answered (a family without an output topic, a {@code --to} that
 * falls before {@code --from}): a usage error, raised before anything is written.
 */
public final class ReplayArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayArgumentException(String message) {
        super(message);
    }
}
