package io.switchboard.gateway.auth;

/**
 * Decides who an upgrade request is, before the upgrade. Implementations must not block for long: they run on
 * the server's I/O threads.
 */
public interface Authenticator {
    Authentication authenticate(Credentials credentials);

    /**
     * The authenticator for this deployment. Token verification (JWT, reconnection tokens) is not built yet, so
     * presented credentials are refused with 401 rather than silently treated as anonymous.
     *
     * @param anonymousAllowed {@code gateway.auth.anonymous}
     */
    static Authenticator forConfig(boolean anonymousAllowed) {
        return new AnonymousAuthenticator(anonymousAllowed);
    }
}
