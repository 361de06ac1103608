package io.switchboard.launcher.dev;

import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.JwtConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What dev mode hands the developer at start: the gateway's JWT secret and two ready tokens signed with it, an
 * admin ({@code admin}, roles [admin]) and a viewer ({@code viewer}, roles [viewer]).
 *
 * @param secret the secret the gateway verifies HS256 tokens with
 * @param generated whether the secret was generated for this run (it then changes at every start)
 * @param adminToken a token for user {@code admin} with role {@code admin}; empty when the gateway accepts no HS256
 * @param viewerToken a token for user {@code viewer} with role {@code viewer}; empty likewise
 */
public record DevAccess(String secret, boolean generated, Optional<String> adminToken, Optional<String> viewerToken) {
    /** How long the printed tokens are valid. */
    static final Duration TOKEN_TTL = Duration.ofHours(24);

    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";

    /** Mints the tokens for the gateway of {@code config}, valid {@link #TOKEN_TTL} from now. */
    public static DevAccess of(DevConfig config) {
        JwtConfig jwt = config.gateway().auth().jwt();
        String secret = jwt.secret().orElseThrow(() -> new IllegalStateException("dev mode always has a secret"));
        // Dev tokens are HS256: with an explicit algorithm list that leaves HS256 out, the gateway would refuse them.
        boolean accepted = jwt.algorithms().isEmpty() || jwt.algorithms().contains("HS256");
        return new DevAccess(
                secret,
                config.jwtSecretGenerated(),
                Optional.of(ADMIN).filter(user -> accepted).map(user -> mint(secret, user)),
                Optional.of(VIEWER).filter(user -> accepted).map(user -> mint(secret, user)));
    }

    private static String mint(String secret, String userAndRole) {
        return DevTokens.mint(secret, userAndRole, List.of(userAndRole), TOKEN_TTL);
    }

    /** Like the record's, with the secret and the tokens hidden. */
    @Override
    public String toString() {
        return "DevAccess[secret=******, generated=" + generated + "]";
    }
}
