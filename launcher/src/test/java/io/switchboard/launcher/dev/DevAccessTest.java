package io.switchboard.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevAccessTest {
    private static final String SECRET = "dev-access-test-secret-0123456789abcdef";

    @Test
    void generatesA256BitSecretWhenNoneIsConfigured() {
        DevConfig first = DevConfig.from(Settings.of(DevConfig.defaults()));
        DevConfig second = DevConfig.from(Settings.of(DevConfig.defaults()));

        String secret = DevAccess.of(first).secret();
        assertThat(first.jwtSecretGenerated()).isTrue();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(DevAccess.of(second).secret()).isNotEqualTo(secret);
    }

    @Test
    void keepsAConfiguredSecret() {
        DevAccess access = DevAccess.of(config(Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET)));

        assertThat(access.generated()).isFalse();
        assertThat(access.secret()).isEqualTo(SECRET);
    }

    @Test
    void devKeepsAnonymousAccessAndChecksNoOrigin() {
        DevConfig config = config(Map.of());

        assertThat(config.gateway().auth().anonymousAllowed()).isTrue();
        assertThat(config.gateway().auth().allowedOrigins()).isEmpty();
    }

    @Test
    void mintsAnAdminAndAViewerTokenSignedWithTheSecretFor24Hours() throws Exception {
        DevAccess access = DevAccess.of(config(Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET)));

        JWTClaimsSet admin = verified(access.adminToken().orElseThrow());
        JWTClaimsSet viewer = verified(access.viewerToken().orElseThrow());

        assertThat(admin.getSubject()).isEqualTo("admin");
        assertThat(admin.getStringListClaim("roles")).containsExactly("admin");
        assertThat(viewer.getSubject()).isEqualTo("viewer");
        assertThat(viewer.getStringListClaim("roles")).containsExactly("viewer");
        assertThat(Duration.between(
                        admin.getIssueTime().toInstant(),
                        admin.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void mintsNoTokensWhenTheGatewayAcceptsNoHs256() {
        DevAccess access = DevAccess.of(config(
                Map.of(GatewayConfig.AUTH_JWT_ALGORITHMS, "HS512", GatewayConfig.AUTH_JWT_SECRET, SECRET + SECRET)));

        assertThat(access.adminToken()).isEmpty();
        assertThat(access.viewerToken()).isEmpty();
    }

    @Test
    void toStringHidesTheSecret() {
        DevAccess access = DevAccess.of(config(Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET)));

        assertThat(access.toString()).doesNotContain(SECRET);
    }

    private static DevConfig config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(DevConfig.defaults());
        values.putAll(overrides);
        return DevConfig.from(Settings.of(values));
    }

    private static JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        return jwt.getJWTClaimsSet();
    }
}
