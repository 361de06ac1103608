package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * When a JWT expires, from its payload's {@code exp}. The signature is not verified: the gateway does that, the
 * client only needs to know when to refresh.
 */
final class JwtExpiry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MOST_AHEAD = Duration.ofMinutes(1);
    private static final Duration LEAST_DELAY = Duration.ofSeconds(1);

    private JwtExpiry() {}

    /** The {@code exp} of a compact JWT; empty when it is not a JWT or has no numeric {@code exp}. */
    static Optional<Instant> expiresAt(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = payload == null ? null : payload.get("exp");
            if (exp == null || !exp.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli(Math.round(exp.asDouble() * 1000)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * How long to wait before refreshing credentials that expire at {@code expiresAt}: a minute ahead, or halfway
     * through what is left when that is shorter, at least a second; empty when they have expired already (the
     * gateway closes with 4001 and the client reconnects with a new token).
     */
    static Optional<Duration> refreshDelay(Instant expiresAt, Instant now) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration ahead = left.dividedBy(2).compareTo(MOST_AHEAD) < 0 ? left.dividedBy(2) : MOST_AHEAD;
        Duration delay = left.minus(ahead);
        return Optional.of(delay.compareTo(LEAST_DELAY) < 0 ? LEAST_DELAY : delay);
    }
}
