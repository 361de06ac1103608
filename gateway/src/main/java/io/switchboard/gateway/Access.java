package io.switchboard.gateway;

import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.HandshakeAuthenticator;
import io.switchboard.gateway.auth.OriginPolicy;
import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.config.AuthConfig;
import java.time.Clock;

/** Who may connect: the token verifier (also used when a client refreshes its token), origins and handshake. */
record Access(TokenVerifier verifier, OriginPolicy origins, Authenticator authenticator) {

    /**
     * Validates the authentication settings and reads the key files, before Kafka is contacted.
     *
     * @throws io.switchboard.config.ConfigException naming the key of a setting that cannot be used
     */
    static Access of(AuthConfig auth, Clock clock) {
        auth.validate();
        TokenVerifier verifier = TokenVerifier.forConfig(auth.jwt(), clock);
        OriginPolicy origins = OriginPolicy.of(auth.allowedOrigins());
        return new Access(verifier, origins, new HandshakeAuthenticator(verifier, auth.anonymousAllowed()));
    }
}
