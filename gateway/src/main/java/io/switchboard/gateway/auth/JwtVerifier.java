package io.switchboard.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.gateway.config.JwtConfig;
import io.switchboard.schemas.ChannelName;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies JWTs with nimbus-jose-jwt. Accepted: a compact JWS (never {@code alg: none}, never a JWE, never a nested
 * JWT) whose algorithm is one the configuration lists, signed by a configured key ({@code jku}, {@code x5u} and an
 * embedded {@code jwk} are ignored, as nimbus's key selector only asks the configured key source), with {@code exp}
 * and {@code sub} present, {@code exp}/{@code nbf} honoured with the configured clock skew, {@code iss} and {@code
 * aud} checked when configured, a {@code sub} that makes a valid personal channel {@code user:<sub>}, and roles, when
 * present, an array of strings.
 */
final class JwtVerifier implements TokenVerifier {
    /** Longer tokens are refused unparsed; real ones are a few hundred bytes to a few KiB. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** Compact serialization: base64url parts joined by dots (3 for a JWS, 5 for a JWE), nothing else. */
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){2,4}");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String rolesClaim;

    JwtVerifier(VerificationKeys keys, JwtConfig config, Clock clock) {
        this.rolesClaim = config.rolesClaim();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(keys.algorithms(), keys.source()));
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(claimsVerifier(config, clock));
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(JwtConfig config, Clock clock) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        // only when configured: an iss of null would be an exact-match claim too
        config.issuer().ifPresent(exact::issuer);
        // nimbus checks exp only when present: it must be listed as required
        Set<String> required = Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.SUBJECT);
        DefaultJWTClaimsVerifier<SecurityContext> verifier =
                new DefaultJWTClaimsVerifier<>(
                        config.audience().map(Set::of).orElse(null), exact.build(), required, null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        verifier.setMaxClockSkew(Math.toIntExact(config.clockSkew().toSeconds()));
        return verifier;
    }

    @Override
    public VerifiedToken verify(String token) throws TokenRejectedException {
        SignedJWT jwt = signedJwt(token);
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new TokenRejectedException(e.getMessage());
        }
        String subject = claims.getSubject();
        if (!ChannelName.isValidUserId(subject)) {
            throw new TokenRejectedException("sub does not make a valid personal channel name");
        }
        return new VerifiedToken(
                new Identity(subject, roles(claims)), claims.getExpirationTime().toInstant());
    }

    /** The token as a compact JWS that is not a nested JWT; anything else is refused before any key is looked at. */
    private static SignedJWT signedJwt(String token) throws TokenRejectedException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!COMPACT.matcher(token).matches()) {
            throw new TokenRejectedException("not a compact JWT");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            // the parser's message may quote parts of the token: not logged
            throw new TokenRejectedException("not a compact JWT");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new TokenRejectedException("encrypted tokens (JWE) are not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new TokenRejectedException("unsecured tokens (alg none) are not accepted");
        }
        String contentType = signed.getHeader().getContentType();
        if ("JWT".equalsIgnoreCase(contentType) || "application/jwt".equalsIgnoreCase(contentType)) {
            throw new TokenRejectedException("nested tokens are not accepted");
        }
        return signed;
    }

    private List<String> roles(JWTClaimsSet claims) throws TokenRejectedException {
        Object value = claims.getClaim(rolesClaim);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TokenRejectedException("claim '" + rolesClaim + "' is not an array");
        }
        List<String> roles = new ArrayList<>(list.size());
        for (Object role : list) {
            if (!(role instanceof String name)) {
                throw new TokenRejectedException("claim '" + rolesClaim + "' holds something other than strings");
            }
            roles.add(name);
        }
        return roles;
    }
}
