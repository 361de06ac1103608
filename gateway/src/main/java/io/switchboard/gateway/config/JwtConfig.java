package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How JWTs are verified ({@code gateway.auth.jwt.*}; every key is documented in {@link GatewayKeys}). Key files
 * are read, and the algorithms derived from them, when the gateway starts.
 *
 * @param secret the HMAC secret (its UTF-8 bytes are the key); never printed
 * @param publicKeyFile a PEM public key, RSA or EC P-256
 * @param jwksFile a JWKS file
 * @param jwksUrl an http(s) JWKS URL
 * @param algorithms accepted algorithms; empty = derived from the keys
 * @param issuer the required {@code iss}
 * @param audience the required {@code aud}
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param rolesClaim the claim holding the roles
 * @param jwksCacheTtl how long a fetched JWKS is used
 * @param jwksRefreshMinInterval least time between two fetches of the JWKS URL
 */
public record JwtConfig(
        Optional<String> secret,
        Optional<Path> publicKeyFile,
        Optional<Path> jwksFile,
        Optional<URI> jwksUrl,
        List<String> algorithms,
        Optional<String> issuer,
        Optional<String> audience,
        Duration clockSkew,
        String rolesClaim,
        Duration jwksCacheTtl,
        Duration jwksRefreshMinInterval) {

    /** The accepted algorithm names, each with the least HMAC key length in bytes (0 for the asymmetric ones). */
    static final Map<String, Integer> SUPPORTED_ALGORITHMS =
            Map.of("HS256", 32, "HS384", 48, "HS512", 64, "RS256", 0, "ES256", 0);

    public JwtConfig {
        algorithms = List.copyOf(algorithms);
    }

    static JwtConfig from(Settings settings) {
        return new JwtConfig(
                // not trimmed: the secret is used byte for byte, as DevTokens and other issuers sign with it
                Optional.of(settings.string(GatewayConfig.AUTH_JWT_SECRET)).filter(s -> !s.isBlank()),
                optional(settings, GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE).map(Path::of),
                optional(settings, GatewayConfig.AUTH_JWT_JWKS_FILE).map(Path::of),
                optional(settings, GatewayConfig.AUTH_JWT_JWKS_URL).map(JwtConfig::jwksUrl),
                settings.list(GatewayConfig.AUTH_JWT_ALGORITHMS),
                optional(settings, GatewayConfig.AUTH_JWT_ISSUER),
                optional(settings, GatewayConfig.AUTH_JWT_AUDIENCE),
                Duration.ofSeconds(GatewayKeys.TABLE.longValue(settings, GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS)),
                settings.nonBlank(GatewayConfig.AUTH_JWT_ROLES_CLAIM).trim(),
                Duration.ofSeconds(GatewayKeys.TABLE.longValue(settings, GatewayConfig.AUTH_JWT_JWKS_CACHE_SECONDS)),
                Duration.ofSeconds(GatewayKeys.TABLE.longValue(
                        settings, GatewayConfig.AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS)));
    }

    /** Whether any key to verify tokens with is configured. */
    public boolean hasKeySource() {
        return secret.isPresent() || publicKeyFile.isPresent() || jwksFile.isPresent() || jwksUrl.isPresent();
    }

    /**
     * Checks what can be checked without reading key files: known algorithms, a key for each listed algorithm, and a
     * secret long enough for the strongest HMAC algorithm that may use it.
     *
     * @throws ConfigException naming the key to fix
     */
    public void validate() {
        for (String algorithm : algorithms) {
            if (!SUPPORTED_ALGORITHMS.containsKey(algorithm)) {
                throw new ConfigException(
                        GatewayConfig.AUTH_JWT_ALGORITHMS,
                        "unsupported algorithm '" + algorithm + "' (supported: HS256, HS384, HS512, RS256, ES256)");
            }
            if (algorithm.startsWith("HS") && secret.isEmpty()) {
                throw new ConfigException(
                        GatewayConfig.AUTH_JWT_SECRET, algorithm + " is accepted but no secret is set");
            }
            if (!algorithm.startsWith("HS") && publicKeyFile.isEmpty() && jwksFile.isEmpty() && jwksUrl.isEmpty()) {
                throw new ConfigException(
                        GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                        algorithm + " is accepted but no public key is set (nor " + GatewayConfig.AUTH_JWT_JWKS_FILE
                                + ", " + GatewayConfig.AUTH_JWT_JWKS_URL + ")");
            }
        }
        secret.ifPresent(this::checkSecretLength);
    }

    private void checkSecretLength(String value) {
        int required =
                algorithms.stream().mapToInt(SUPPORTED_ALGORITHMS::get).max().orElse(0);
        required = Math.max(required, SUPPORTED_ALGORITHMS.get("HS256"));
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length < required) {
            throw new ConfigException(
                    GatewayConfig.AUTH_JWT_SECRET,
                    "is " + length * 8 + " bits; at least " + required * 8 + " bits (" + required
                            + " bytes of UTF-8) are required");
        }
    }

    private static Optional<String> optional(Settings settings, String key) {
        return Optional.of(settings.string(key).trim()).filter(value -> !value.isEmpty());
    }

    private static URI jwksUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new ConfigException(GatewayConfig.AUTH_JWT_JWKS_URL, "must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(GatewayConfig.AUTH_JWT_JWKS_URL, "not a URL: " + e.getReason());
        }
    }

    /** Like the record's, with the secret hidden. */
    @Override
    public String toString() {
        return "JwtConfig[secret=" + secret.map(s -> "******").orElse("none") + ", publicKeyFile="
                + publicKeyFile.orElse(null) + ", jwksFile=" + jwksFile.orElse(null) + ", jwksUrl="
                + jwksUrl.orElse(null) + ", algorithms=" + algorithms + ", issuer=" + issuer.orElse(null)
                + ", audience=" + audience.orElse(null) + ", clockSkew=" + clockSkew + ", rolesClaim=" + rolesClaim
                + ", jwksCacheTtl=" + jwksCacheTtl + ", jwksRefreshMinInterval=" + jwksRefreshMinInterval + "]";
    }
}
