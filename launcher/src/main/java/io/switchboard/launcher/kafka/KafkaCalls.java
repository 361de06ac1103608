package io.switchboard.launcher.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits on one Kafka cluster for the client commands, each wait bounded by {@link #TIMEOUT}: what fails comes back as
 * an {@link IllegalStateException} whose message says what could not be done and, when Kafka did not answer in time,
 * where Kafka was expected ("Kafka at host:9092 did not answer within 30 s (list the topics)").
 */
public final class KafkaCalls {
    /** The longest a client command waits for any one answer from Kafka. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public KafkaCalls(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The result of {@code future}, waiting at most {@link #TIMEOUT}.
     *
     * @throws IllegalStateException "cannot {@code what}: reason", with Kafka's exception as its cause
     */
    public <T> T await(String what, Future<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(what, e.getCause());
            }
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }

    /** Runs a blocking client call whose own timeout is {@link #TIMEOUT}, naming it when Kafka did not answer. */
    public <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw noAnswer(what, e);
        }
    }

    /** "Kafka at … did not answer within 30 s ({@code what})". */
    IllegalStateException noAnswer(String what, Throwable cause) {
        return new IllegalStateException(
                "Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds() + " s (" + what + ")",
                cause);
    }
}
