package io.switchboard.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection ids: {@code c-} and 96 random bits in base64url, unguessable and unique in practice. */
public final class ConnectionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectionIds() {}

    public static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "c-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
