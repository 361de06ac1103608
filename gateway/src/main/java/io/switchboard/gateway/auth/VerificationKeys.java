package io.switchboard.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.switchboard.config.ConfigException;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.JwtConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of a {@link JwtConfig} and the algorithms they verify, read at start. Without configured algorithms they
 * are derived from the keys (secret HS256, RSA key RS256, EC key ES256, JWKS both); with them, each must have a key of
 * its kind, or start fails naming the key to set.
 *
 * @param algorithms the accepted algorithms: the only ones the key selector will use, whatever a token says
 * @param source the configured keys, then the JWKS URL's
 */
record VerificationKeys(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source) {
    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    VerificationKeys {
        algorithms = Set.copyOf(algorithms);
    }

    /** @throws ConfigException naming the key when a key cannot be read or does not fit the algorithms */
    static VerificationKeys load(JwtConfig config) {
        config.validate();
        List<JWK> keys = new ArrayList<>();
        Set<JWSAlgorithm> derived = new LinkedHashSet<>();
        config.secret().ifPresent(secret -> {
            keys.add(new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build());
            derived.add(JWSAlgorithm.HS256);
        });
        config.publicKeyFile().ifPresent(file -> {
            JWK key = PemPublicKeys.read(file);
            keys.add(key);
            derived.add(key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256);
        });
        config.jwksFile().ifPresent(file -> {
            keys.addAll(jwksFile(file).getKeys());
            derived.addAll(JWKS_ALGORITHMS);
        });
        CachingJwksSource remote = config.jwksUrl()
                .map(url -> {
                    derived.addAll(JWKS_ALGORITHMS);
                    try {
                        return CachingJwksSource.forUrl(
                                url.toURL(), config.jwksCacheTtl(), config.jwksRefreshMinInterval());
                    } catch (MalformedURLException | IllegalArgumentException e) {
                        throw new ConfigException(GatewayConfig.AUTH_JWT_JWKS_URL, "not a URL: " + e.getMessage());
                    }
                })
                .orElse(null);
        Set<JWSAlgorithm> algorithms = config.algorithms().isEmpty()
                ? derived
                : new LinkedHashSet<>(
                        config.algorithms().stream().map(JWSAlgorithm::parse).toList());
        algorithms.forEach(algorithm -> requireKeyFor(algorithm, config, keys));
        return new VerificationKeys(algorithms, new ConfiguredKeySource(keys, remote));
    }

    /** A listed RS256 or ES256 needs a JWKS or a public key of its kind; HMAC needs a secret (checked by validate). */
    private static void requireKeyFor(JWSAlgorithm algorithm, JwtConfig config, List<JWK> keys) {
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
                || config.jwksFile().isPresent()
                || config.jwksUrl().isPresent()) {
            return;
        }
        Class<? extends JWK> needed = algorithm.equals(JWSAlgorithm.RS256) ? RSAKey.class : ECKey.class;
        if (keys.stream().noneMatch(needed::isInstance)) {
            throw new ConfigException(
                    GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                    algorithm + " is accepted but the public key is not " + (needed == RSAKey.class ? "RSA" : "EC")
                            + " (set a matching key or " + GatewayConfig.AUTH_JWT_ALGORITHMS + ")");
        }
    }

    /** The public keys of a JWKS file; symmetric keys and private parts are dropped. */
    private static JWKSet jwksFile(java.nio.file.Path file) {
        try {
            return JWKSet.load(file.toFile()).toPublicJWKSet();
        } catch (IOException | ParseException e) {
            throw new ConfigException(GatewayConfig.AUTH_JWT_JWKS_FILE, "cannot read a JWKS from " + file + ": " + e);
        }
    }
}
