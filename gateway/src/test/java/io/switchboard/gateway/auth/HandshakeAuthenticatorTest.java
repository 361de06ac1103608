package io.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeAuthenticatorTest {
    private static final Instant EXPIRES = Instant.parse("2026-11-20T10:10:00Z");
    private static final VerifiedToken ALICE = new VerifiedToken(new Identity("alice", List.of("admin")), EXPIRES);
    private static final VerifiedToken BOB = new VerifiedToken(new Identity("bob", List.of("viewer")), EXPIRES);

    private final TokenVerifier verifier = token -> {
        VerifiedToken verified = Map.of("alice-token", ALICE, "bob-token", BOB).get(token);
        if (verified == null) {
            throw new TokenRejectedException("unknown");
        }
        return verified;
    };
    private final HandshakeAuthenticator closed = new HandshakeAuthenticator(verifier, false);
    private final HandshakeAuthenticator open = new HandshakeAuthenticator(verifier, true);

    @Test
    void acceptsAVerifiedBearerTokenWithItsIdentityAndExpiry() {
        assertThat(closed.authenticate(credentials("alice-token", null, null)))
                .isEqualTo(new Authentication.Accepted(ALICE.identity(), Optional.of(EXPIRES)));
        assertThat(closed.authenticate(credentials(null, "bob-token", null)))
                .isEqualTo(new Authentication.Accepted(BOB.identity(), Optional.of(EXPIRES)));
    }

    @Test
    void theFirstCredentialPresentedDecides() {
        assertThat(closed.authenticate(credentials("alice-token", "bob-token", "resume")))
                .isEqualTo(new Authentication.Accepted(ALICE.identity(), Optional.of(EXPIRES)));
        assertThat(open.authenticate(credentials("forged", "bob-token", null)))
                .as("a bad bearer token is not rescued by a good access_token, nor by anonymous access")
                .isInstanceOf(Authentication.Rejected.class);
        assertThat(open.authenticate(credentials(null, "forged", null))).isInstanceOf(Authentication.Rejected.class);
    }

    @Test
    void handsAWellFormedResumeTokenOnAsItsHashOnly() {
        String token = ReconnectionTokensTest.issued();

        Authentication outcome = closed.authenticate(credentials(null, null, token));

        assertThat(outcome).isEqualTo(new Authentication.Resume(ReconnectionTokens.hash(token)));
        assertThat(outcome.toString()).doesNotContain(token);
    }

    @Test
    void refusesAMalformedResumeTokenAtOnceAndAJwtAsResumeToo() {
        assertThat(open.authenticate(credentials(null, null, "r-1")))
                .isEqualTo(new Authentication.Rejected(401, "invalid reconnection token"));
        assertThat(open.authenticate(credentials(null, null, "alice-token")))
                .as("a token the verifier accepts is still no reconnection token")
                .isEqualTo(new Authentication.Rejected(401, "invalid reconnection token"));
    }

    @Test
    void neverTakesAReconnectionTokenForAnAccessToken() {
        String token = ReconnectionTokensTest.issued();

        assertThat(open.authenticate(credentials(token, null, null)))
                .isEqualTo(new Authentication.Rejected(401, "invalid or expired token"));
        assertThat(open.authenticate(credentials(null, token, null)))
                .isEqualTo(new Authentication.Rejected(401, "invalid or expired token"));
    }

    @Test
    void acceptsNoCredentialsAsAnonymousOnlyWhereAllowed() {
        assertThat(open.authenticate(Credentials.none()))
                .isEqualTo(new Authentication.Accepted(Identity.anonymous(), Optional.empty()));
        assertThat(closed.authenticate(Credentials.none()))
                .isEqualTo(new Authentication.Rejected(401, "credentials required"));
    }

    @Test
    void refusesWithAGenericReasonThatNeverHoldsTheToken() {
        String token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";

        assertThat(closed.authenticate(credentials(token, null, null)))
                .isEqualTo(new Authentication.Rejected(401, "invalid or expired token"));
        assertThat(credentials(token, token, token).toString()).doesNotContain(token);
    }

    private static Credentials credentials(String bearer, String accessToken, String resume) {
        return new Credentials(
                Optional.ofNullable(bearer), Optional.ofNullable(accessToken), Optional.ofNullable(resume));
    }
}
