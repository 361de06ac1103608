package io.switchboard.gateway.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A token that verified: who it is for and when it expires.
 *
 * @param identity the user ({@code sub}) and roles; never anonymous
 * @param expiresAt the token's {@code exp}
 */
public record VerifiedToken(Identity identity, Instant expiresAt) {
    public VerifiedToken {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (identity.isAnonymous()) {
            throw new IllegalArgumentException("a verified token names a user");
        }
    }
}
