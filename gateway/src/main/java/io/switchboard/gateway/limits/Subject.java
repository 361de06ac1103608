package io.switchboard.gateway.limits;

import java.util.Objects;

/**
 * Whose buckets a message draws from: a user's, shared by all of its connections on this gateway (so reconnecting
 * does not refill them), or, for an anonymous connection, the connection's own.
 *
 * @param userId the user id, or null for an anonymous connection
 * @param connectionId the connection id of an anonymous connection, or null for a user
 */
public record Subject(String userId, String connectionId) {
    public Subject {
        if ((userId == null) == (connectionId == null)) {
            throw new IllegalArgumentException("a subject is a user or an anonymous connection");
        }
    }

    /** The user's subject, or the connection's when {@code userId} is null (anonymous). */
    public static Subject of(String userId, String connectionId) {
        return userId != null ? new Subject(userId, null) : new Subject(null, Objects.requireNonNull(connectionId));
    }
}
