package io.switchboard.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JWT a handshake or a {@code refresh} presents: a fixed one, or the latest from the application's supplier,
 * asked again when none is at hand, when it is about to expire, or when the gateway refused it. Event thread only.
 */
final class TokenKeeper {
    /** A token this close to its expiry is not worth presenting. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private final String fixed;
    private final Supplier<String> supplier;
    private String current;
    private boolean stale;

    TokenKeeper(String fixed, Supplier<String> supplier) {
        this.fixed = fixed;
        this.supplier = supplier;
    }

    /** Whether a new token can be had (a supplier was given). */
    boolean renewable() {
        return supplier != null;
    }

    /** Marks the current token as refused or expired: the next {@link #forHandshake} asks the supplier. */
    void markStale() {
        stale = true;
    }

    /** The token for a handshake; null for an anonymous connection. */
    String forHandshake(Instant now) {
        if (supplier == null) {
            return fixed;
        }
        boolean expiring = current != null
                && JwtExpiry.expiresAt(current)
                        .map(exp -> Duration.between(now, exp).compareTo(EXPIRY_MARGIN) < 0)
                        .orElse(false);
        if (current == null || stale || expiring) {
            current = ask();
            stale = false;
        }
        return current;
    }

    /** A new token from the supplier, for {@code refresh}. */
    String renew() {
        current = ask();
        stale = false;
        return current;
    }

    /** When to refresh the current token; empty without a supplier, an {@code exp}, or time left. */
    Optional<Duration> refreshDelay(Instant now) {
        if (supplier == null || current == null) {
            return Optional.empty();
        }
        return JwtExpiry.expiresAt(current).flatMap(exp -> JwtExpiry.refreshDelay(exp, now));
    }

    private String ask() {
        String token;
        try {
            token = supplier.get();
        } catch (RuntimeException e) {
            throw new SwitchboardException("token_invalid", "the token supplier failed: " + e, e);
        }
        if (token == null || token.isBlank()) {
            throw new SwitchboardException("token_invalid", "the token supplier gave no token");
        }
        return token;
    }
}
