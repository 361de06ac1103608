package io.switchboard.gateway.auth;

import io.switchboard.gateway.config.JwtConfig;
import java.time.Clock;

/**
 * Verifies a bearer token (a JWT) and says whom it is for and until when. Used at the handshake and for {@code
 * refresh}. Thread-safe; may block briefly (fetching a JWKS, with bounded timeouts), so never call it on an I/O
 * thread.
 */
public interface TokenVerifier {
    VerifiedToken verify(String token) throws TokenRejectedException;

    /**
     * The verifier of this configuration: a {@link JwtVerifier} when a key is configured, otherwise one that refuses
     * every token. Reads key files now.
     *
     * @throws io.switchboard.config.ConfigException naming the key when a key cannot be used
     */
    static TokenVerifier forConfig(JwtConfig config, Clock clock) {
        if (!config.hasKeySource()) {
            return token -> {
                throw new TokenRejectedException("no key is configured to verify tokens");
            };
        }
        return new JwtVerifier(VerificationKeys.load(config), config, clock);
    }
}
