package io.switchboard.observability.health;

import java.util.Objects;

/**
 * The answer of one {@link HealthCheck}: up or down, with a short detail for the operator (what is wrong, or what
 * was seen), written into the health endpoints' JSON body.
 */
public record Health(boolean up, String detail) {
    public Health {
        Objects.requireNonNull(detail, "detail");
    }

    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
