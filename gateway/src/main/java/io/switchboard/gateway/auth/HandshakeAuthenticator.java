package io.switchboard.gateway.auth;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides an upgrade from its credentials, first match wins (PROTOCOL.md, "Connecting"): a bearer token, then an
 * {@code access_token}, then a {@code resume} token, then nothing, which is an anonymous connection where the
 * deployment allows it. A well-formed reconnection token is handed on as its hash ({@link Authentication.Resume}) for
 * the processor to decide; a malformed one, a JWT among them, is refused at once. Every refusal is a 401 with a short generic reason; why a
 * token was refused is logged at debug level, never the token.
 */
public final class HandshakeAuthenticator implements Authenticator {
    static final int UNAUTHORIZED = 401;

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeAuthenticator.class);

    private final TokenVerifier verifier;
    private final boolean anonymousAllowed;

    /** @param anonymousAllowed {@code gateway.auth.anonymous} */
    public HandshakeAuthenticator(TokenVerifier verifier, boolean anonymousAllowed) {
        this.verifier = verifier;
        this.anonymousAllowed = anonymousAllowed;
    }

    @Override
    public Authentication authenticate(Credentials credentials) {
        Optional<String> token = credentials.bearerToken().or(credentials::accessToken);
        if (token.isPresent()) {
            return verify(token.get());
        }
        if (credentials.resumeToken().isPresent()) {
            return resume(credentials.resumeToken().get());
        }
        if (!anonymousAllowed) {
            return new Authentication.Rejected(UNAUTHORIZED, "credentials required");
        }
        return new Authentication.Accepted(Identity.anonymous(), Optional.empty());
    }

    private static Authentication resume(String token) {
        if (!ReconnectionTokens.isWellFormed(token)) {
            LOG.debug("resume-rejected: not a reconnection token");
            return new Authentication.Rejected(UNAUTHORIZED, "invalid reconnection token");
        }
        return new Authentication.Resume(ReconnectionTokens.hash(token));
    }

    private Authentication verify(String token) {
        try {
            VerifiedToken verified = verifier.verify(token);
            return new Authentication.Accepted(verified.identity(), Optional.of(verified.expiresAt()));
        } catch (TokenRejectedException e) {
            LOG.debug("token-rejected: {}", e.getMessage());
            return new Authentication.Rejected(UNAUTHORIZED, "invalid or expired token");
        }
    }
}
