package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
    private static final String SECRET_32 = GatewayConfigTest.SECRET;

    @Test
    void refusesToLoadWithoutAnonymousAccessOrAKeyNamingTheSecretKey() {
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.secret"))
                .hasMessageContaining("gateway.auth.anonymous=false");
    }

    @Test
    void needsNoKeyWhenAnonymousAccessIsOn() {
        GatewayConfig config = load(Map.of("gateway.auth.anonymous", "true"));

        assertThat(config.auth().anonymousAllowed()).isTrue();
        assertThat(config.auth().jwt().hasKeySource()).isFalse();
    }

    @Test
    void readsEveryAuthKey() {
        GatewayConfig config = load(Map.ofEntries(
                Map.entry("gateway.auth.allowed-origins", "https://app.example.com, same-origin"),
                Map.entry("gateway.auth.jwt.secret", SECRET_32 + SECRET_32),
                Map.entry("gateway.auth.jwt.public-key-file", "/keys/rsa.pem"),
                Map.entry("gateway.auth.jwt.jwks-file", "/keys/jwks.json"),
                Map.entry("gateway.auth.jwt.jwks-url", "https://idp.example.com/.well-known/jwks.json"),
                Map.entry("gateway.auth.jwt.algorithms", "HS512,RS256"),
                Map.entry("gateway.auth.jwt.issuer", "https://idp.example.com/"),
                Map.entry("gateway.auth.jwt.audience", "switchboard"),
                Map.entry("gateway.auth.jwt.clock-skew-seconds", "5"),
                Map.entry("gateway.auth.jwt.roles-claim", "groups"),
                Map.entry("gateway.auth.jwt.jwks-cache-seconds", "60"),
                Map.entry("gateway.auth.jwt.jwks-refresh-min-interval-seconds", "10")));

        JwtConfig jwt = config.auth().jwt();
        assertThat(config.auth().allowedOrigins()).containsExactly("https://app.example.com", "same-origin");
        assertThat(jwt.secret()).contains(SECRET_32 + SECRET_32);
        assertThat(jwt.publicKeyFile()).contains(Path.of("/keys/rsa.pem"));
        assertThat(jwt.jwksFile()).contains(Path.of("/keys/jwks.json"));
        assertThat(jwt.jwksUrl()).contains(URI.create("https://idp.example.com/.well-known/jwks.json"));
        assertThat(jwt.algorithms()).containsExactly("HS512", "RS256");
        assertThat(jwt.issuer()).contains("https://idp.example.com/");
        assertThat(jwt.audience()).contains("switchboard");
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(jwt.rolesClaim()).isEqualTo("groups");
        assertThat(jwt.jwksCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(jwt.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anEmptyOriginListTurnsTheCheckOff() {
        GatewayConfig config = load(Map.of("gateway.auth.jwt.secret", SECRET_32, "gateway.auth.allowed-origins", ""));

        assertThat(config.auth().allowedOrigins()).isEmpty();
    }

    @Test
    void refusesASecretShorterThan256BitsNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("gateway.auth.jwt.secret", SECRET_32.substring(1))))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.secret"))
                .hasMessageContaining("248 bits")
                .hasMessageNotContaining(SECRET_32.substring(1));
    }

    @Test
    void measuresTheSecretInUtf8Bytes() {
        String sixteenTwoByteCharacters = "é".repeat(16);

        assertThat(load(Map.of("gateway.auth.jwt.secret", sixteenTwoByteCharacters))
                        .auth()
                        .jwt()
                        .secret())
                .contains(sixteenTwoByteCharacters);
    }

    @Test
    void refusesASecretShorterThanTheStrongestHmacAlgorithmNeeds() {
        assertThatThrownBy(() -> load(
                        Map.of("gateway.auth.jwt.secret", SECRET_32, "gateway.auth.jwt.algorithms", "HS256,HS512")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.secret"))
                .hasMessageContaining("512 bits");
        assertThat(load(Map.of(
                                "gateway.auth.jwt.secret",
                                SECRET_32 + SECRET_32,
                                "gateway.auth.jwt.algorithms",
                                "HS256,HS512"))
                        .auth()
                        .jwt()
                        .algorithms())
                .containsExactly("HS256", "HS512");
    }

    @Test
    void refusesAnAlgorithmItDoesNotSupport() {
        for (String algorithm : List.of("none", "RS512", "hs256", "PS256")) {
            assertThatThrownBy(() -> load(
                            Map.of("gateway.auth.jwt.secret", SECRET_32, "gateway.auth.jwt.algorithms", algorithm)))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.algorithms"));
        }
    }

    @Test
    void refusesAnAlgorithmWithoutAKeyOfItsKindNamingTheMissingKey() {
        assertThatThrownBy(() -> load(Map.of(
                        "gateway.auth.jwt.jwks-url", "https://idp.example.com/jwks",
                        "gateway.auth.jwt.algorithms", "HS256")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.secret"));
        assertThatThrownBy(() ->
                        load(Map.of("gateway.auth.jwt.secret", SECRET_32, "gateway.auth.jwt.algorithms", "RS256")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.public-key-file"));
    }

    @Test
    void refusesAJwksUrlThatIsNotHttp() {
        for (String url : List.of("file:///etc/passwd", "ftp://idp.example.com/jwks", "not a url", "https:///x")) {
            assertThatThrownBy(() -> load(Map.of("gateway.auth.jwt.jwks-url", url)))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.jwt.jwks-url"));
        }
    }

    @Test
    void neverPrintsTheSecret() {
        String secret = "s3cr3t-" + SECRET_32;
        GatewayConfig config = load(Map.of("gateway.auth.jwt.secret", secret));

        assertThat(config.toString()).doesNotContain(secret).contains("secret=******");
        assertThat(Settings.isSecret("gateway.auth.jwt.secret")).isTrue();
    }

    @Test
    void keepsAnonymousAccessForTestsUnlessTheirSettingsSayOtherwise() {
        GatewayConfig config = GatewayConfig.forTests(
                "127.0.0.1:1",
                Map.of(
                        GatewayConfig.AUTH_JWT_SECRET, SECRET_32,
                        GatewayConfig.AUTH_ALLOWED_ORIGINS, "https://app.example.com",
                        GatewayConfig.AUTH_ANONYMOUS, "false"));

        assertThat(config.auth().anonymousAllowed()).isFalse();
        assertThat(config.auth().allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(config.auth().jwt().secret()).isEqualTo(Optional.of(SECRET_32));
        assertThat(GatewayConfig.forTests("127.0.0.1:1").auth().anonymousAllowed())
                .isTrue();
    }

    private static GatewayConfig load(Map<String, String> overrides) {
        return GatewayConfig.from(Settings.load(
                GatewayConfig.defaults(), Set.of("kafka."), (Path) null, Map.of(), new HashMap<>(overrides)));
    }
}
