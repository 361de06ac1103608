package io.switchboard.gateway.auth;

import java.util.Optional;

/**
 * What a client presented at the upgrade (PROTOCOL.md, "Connecting"), first match wins in this order. Values are
 * secrets: {@link #toString()} never shows them.
 *
 * @param bearerToken from {@code Authorization: Bearer <JWT>}
 * @param accessToken from the {@code access_token} query parameter
 * @param resumeToken from the {@code resume} query parameter
 */
public record Credentials(Optional<String> bearerToken, Optional<String> accessToken, Optional<String> resumeToken) {
    static Credentials none() {
        return new Credentials(Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "Credentials[bearer=" + bearerToken.isPresent() + ", accessToken=" + accessToken.isPresent()
                + ", resume=" + resumeToken.isPresent() + "]";
    }
}
