package io.switchboard.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.schemas.ChannelName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Development tokens: what {@code switchboard token} prints and the end-to-end tests connect with. A gateway whose
 * {@code gateway.auth.jwt.secret} is the same secret accepts them.
 */
public final class DevTokens {
    /** Least secret length in bytes (256 bits), as HS256 requires. */
    static final int MIN_SECRET_BYTES = 32;

    private DevTokens() {}

    /**
     * An HS256 compact JWT with claims {@code sub}, {@code roles}, {@code iat} and {@code exp}.
     *
     * @param secret the shared secret; its UTF-8 bytes are the key
     * @param userId the {@code sub}: must make a valid personal channel {@code user:<userId>}
     * @param roles the {@code roles} claim
     * @param ttl how long from now the token is valid; positive
     * @throws IllegalArgumentException for a secret under 32 bytes, a user id that makes no valid personal channel, or
     *     a ttl that is not positive
     */
    public static String mint(String secret, String userId, List<String> roles, Duration ttl) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "the secret must be at least 256 bits (" + MIN_SECRET_BYTES + " bytes of UTF-8)");
        }
        if (!ChannelName.isValidUserId(userId)) {
            throw new IllegalArgumentException("user id '" + userId + "' does not make a valid channel user:<id>");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }
}
