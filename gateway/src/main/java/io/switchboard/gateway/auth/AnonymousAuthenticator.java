package io.switchboard.gateway.auth;

/**
 * Accepts requests without credentials as anonymous, where the deployment allows it; refuses everything else with
 * 401, since no token verifier exists yet.
 */
public final class AnonymousAuthenticator implements Authenticator {
    static final int UNAUTHORIZED = 401;

    private final boolean anonymousAllowed;

    public AnonymousAuthenticator(boolean anonymousAllowed) {
        this.anonymousAllowed = anonymousAllowed;
    }

    @Override
    public Authentication authenticate(Credentials credentials) {
        if (!credentials.isEmpty()) {
            return new Authentication.Rejected(UNAUTHORIZED, "token authentication is not available on this gateway");
        }
        if (!anonymousAllowed) {
            return new Authentication.Rejected(UNAUTHORIZED, "credentials required");
        }
        return new Authentication.Accepted(Identity.anonymous());
    }
}
