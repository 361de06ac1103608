package io.switchboard.gateway.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who a connection is.
 *
 * @param userId the user id, null for an anonymous connection
 * @param roles the user's roles; {@code ["anonymous"]} for an anonymous connection
 */
public record Identity(String userId, List<String> roles) {
    static final String ANONYMOUS_ROLE = "anonymous";

    private static final Identity ANONYMOUS = new Identity(null, List.of(ANONYMOUS_ROLE));

    public Identity {
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    public static Identity anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return userId == null;
    }
}
