package io.switchboard.gateway.auth;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.gateway.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    @Test
    void mintsAnHs256TokenThatAGatewayWithTheSameSecretAccepts() throws Exception {
        Instant before = Instant.now();
        String token = DevTokens.mint(SECRET, "alice", List.of("admin", "viewer"), Duration.ofHours(1));

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getJWTClaimsSet().getIssueTime()).isNotNull();
        VerifiedToken verified = TokenVerifier.forConfig(
                        GatewayConfig.forTests("127.0.0.1:1", Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET))
                                .auth()
                                .jwt(),
                        Clock.systemUTC())
                .verify(token);
        assertThat(verified.identity()).isEqualTo(new Identity("alice", List.of("admin", "viewer")));
        assertThat(verified.expiresAt())
                .isAfterOrEqualTo(before.plus(Duration.ofHours(1)).minusSeconds(1))
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void refusesASecretShorterThan256Bits() {
        assertThatThrownBy(() -> DevTokens.mint(SECRET.substring(1), "alice", List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bits");
    }

    @Test
    void refusesAUserIdThatMakesNoPersonalChannel() {
        for (String user : new String[] {"", "a b", "a/b", "x".repeat(200)}) {
            assertThatThrownBy(() -> DevTokens.mint(SECRET, user, List.of(), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DevTokens.mint(SECRET, null, List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATtlThatIsNotPositive() {
        assertThatThrownBy(() -> DevTokens.mint(SECRET, "alice", List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
