package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.util.List;
import java.util.Objects;

/**
 * Who may connect ({@code gateway.auth.*}; every key is documented in {@link GatewayKeys}).
 *
 * @param anonymousAllowed whether a request without credentials opens an anonymous connection
 * @param allowedOrigins exact origins and {@link #SAME_ORIGIN}; empty means no Origin check (syntax is checked when
 *     the gateway starts)
 * @param jwt how JWTs are verified
 */
public record AuthConfig(boolean anonymousAllowed, List<String> allowedOrigins, JwtConfig jwt) {
    /** The allowed-origins entry that allows an Origin equal to the request's own scheme and Host. */
    public static final String SAME_ORIGIN = "same-origin";

    public AuthConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(jwt, "jwt");
    }

    static AuthConfig from(Settings settings) {
        AuthConfig auth = new AuthConfig(
                settings.bool(GatewayConfig.AUTH_ANONYMOUS),
                settings.list(GatewayConfig.AUTH_ALLOWED_ORIGINS),
                JwtConfig.from(settings));
        auth.validate();
        return auth;
    }

    /**
     * Checks the keys against each other: without anonymous access a key to verify tokens is required, and {@link
     * JwtConfig#validate()}. Called at load and again when the gateway starts (withers do not check).
     *
     * @throws ConfigException naming the key to fix
     */
    public void validate() {
        if (!anonymousAllowed && !jwt.hasKeySource()) {
            throw new ConfigException(
                    GatewayConfig.AUTH_JWT_SECRET,
                    "anonymous access is off (" + GatewayConfig.AUTH_ANONYMOUS + "=false), so tokens must be"
                            + " verifiable: set a secret, " + GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE + ", "
                            + GatewayConfig.AUTH_JWT_JWKS_FILE + " or " + GatewayConfig.AUTH_JWT_JWKS_URL);
        }
        jwt.validate();
    }
}
