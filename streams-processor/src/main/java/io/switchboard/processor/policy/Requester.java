package io.switchboard.processor.policy;

import java.util.List;
import java.util.Optional;

/**
 * Who asks: the authenticated user of a connection, or nobody for an anonymous one.
 *
 * @param userId the user id; empty for an anonymous connection
 * @param roles the roles the gateway authenticated
 */
public record Requester(Optional<String> userId, List<String> roles) {
    public Requester {
        userId = userId.filter(id -> !id.isEmpty());
        roles = List.copyOf(roles);
    }

    public static Requester of(String userIdOrNull, List<String> roles) {
        return new Requester(Optional.ofNullable(userIdOrNull), roles);
    }

    public boolean anonymous() {
        return userId.isEmpty();
    }
}
