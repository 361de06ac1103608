package io.switchboard.processor.sessions;

import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.IssuedToken;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Issues one-time reconnection tokens: {@value #TOKEN_BYTES} random bytes as unpadded base64url (43 characters).
 * The token itself goes only into the reply to its connection; everything kept, in stores and on {@code
 * switchboard.sessions}, is keyed by its {@link #hash}, so a leaked store or topic restores no session.
 *
 * <p>Thread-safe when its random source is: one issuer serves every task of the topology.
 */
public final class TokenIssuer {
    /** Random bytes per token: 256 bits, far above the 128 the protocol asks for. */
    public static final int TOKEN_BYTES = 32;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A new token: the reply for the client, what the connection remembers, and what the token restores. */
    public record Issued(ReconnectionToken reply, IssuedToken token, SessionSnapshot snapshot) {}

    private final Supplier<byte[]> randomBytes;
    private final Duration ttl;

    /**
     * @param randomBytes {@value #TOKEN_BYTES} fresh random bytes per call
     * @param ttl how long a token stays valid after it was issued
     */
    public TokenIssuer(Supplier<byte[]> randomBytes, Duration ttl) {
        this.randomBytes = randomBytes;
        this.ttl = ttl;
    }

    /** An issuer drawing its tokens from a {@link SecureRandom}. */
    public static TokenIssuer secure(Duration ttl) {
        SecureRandom random = new SecureRandom();
        return new TokenIssuer(
                () -> {
                    byte[] bytes = new byte[TOKEN_BYTES];
                    random.nextBytes(bytes);
                    return bytes;
                },
                ttl);
    }

    /**
     * A token for the connection {@code state}, valid until {@code now} plus the TTL, restoring the channels it
     * holds at the positions its gateway reported ({@link SessionSnapshots#of}).
     */
    public Issued issue(ConnectionState state, IssueReconnectionToken request, Instant now) {
        String token = mint();
        Instant expiresAt = now.plus(ttl);
        IssuedToken issued = new IssuedToken(hash(token), expiresAt, request.getCredentialsExpireAt());
        SessionSnapshot snapshot = SessionSnapshots.of(state, request.getDelivered(), issued);
        return new Issued(new ReconnectionToken(token, expiresAt), issued, snapshot);
    }

    /** The key a token is kept under: SHA-256 of its UTF-8 bytes, lowercase hex (64 characters). */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code candidate} has the form of a {@link #hash}. */
    static boolean isHash(String candidate) {
        return candidate != null && HASH.matcher(candidate).matches();
    }

    private String mint() {
        byte[] bytes = randomBytes.get();
        if (bytes == null || bytes.length != TOKEN_BYTES) {
            throw new IllegalStateException("a reconnection token needs " + TOKEN_BYTES + " random bytes");
        }
        return BASE64URL.encodeToString(bytes);
    }
}
