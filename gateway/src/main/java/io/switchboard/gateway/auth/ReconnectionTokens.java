package io.switchboard.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The form of a reconnection token (PROTOCOL.md, "Recovery"): the processor issues 32 random bytes as unpadded
 * base64url, exactly {@value #LENGTH} characters. A JWT always holds dots, so neither kind of token can pass for the
 * other. The gateway never keeps a token: it sends only its {@link #hash} to the processor, which decides.
 */
final class ReconnectionTokens {
    /** Characters of a reconnection token. */
    static final int LENGTH = 43;

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private ReconnectionTokens() {}

    /** Whether {@code candidate} has the form of a reconnection token (not whether it is valid: the processor says). */
    static boolean isWellFormed(String candidate) {
        return candidate != null && FORM.matcher(candidate).matches();
    }

    /** SHA-256 of the token's UTF-8 bytes, lowercase hex: the key the processor keeps its session under. */
    static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
