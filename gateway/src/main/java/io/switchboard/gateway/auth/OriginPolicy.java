package io.switchboard.gateway.auth;

import io.switchboard.config.ConfigException;
import io.switchboard.gateway.config.AuthConfig;
import io.switchboard.gateway.config.GatewayConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Origin allowlist ({@code gateway.auth.allowed-origins}). Origins are compared whole, after normalizing:
 * lowercase scheme and host, the default port written out ({@code https://a.example} is {@code
 * https://a.example:443}). So {@code https://app.example.com.evil.test}, {@code http://app.example.com} and {@code
 * https://app.example.com:8443} are not {@code https://app.example.com}. A request without an Origin header is not
 * from a browser and passes; {@code Origin: null}, several Origin headers, or anything that is not an origin are
 * refused whenever the list is not empty.
 */
public final class OriginPolicy {
    private final boolean checking;
    private final boolean sameOrigin;
    private final Set<String> origins;

    private OriginPolicy(boolean checking, boolean sameOrigin, Set<String> origins) {
        this.checking = checking;
        this.sameOrigin = sameOrigin;
        this.origins = Set.copyOf(origins);
    }

    /**
     * @param entries exact origins and {@code same-origin}; empty means no check
     * @throws ConfigException naming {@code gateway.auth.allowed-origins} for an entry that is not an origin
     */
    public static OriginPolicy of(List<String> entries) {
        Set<String> origins = new HashSet<>();
        boolean sameOrigin = false;
        for (String entry : entries) {
            if (entry.equals(AuthConfig.SAME_ORIGIN)) {
                sameOrigin = true;
            } else {
                origins.add(normalize(entry)
                        .orElseThrow(() -> new ConfigException(
                                GatewayConfig.AUTH_ALLOWED_ORIGINS,
                                "'" + entry + "' is not an origin scheme://host[:port] (no path, not even '/')")));
            }
        }
        return new OriginPolicy(!entries.isEmpty(), sameOrigin, origins);
    }

    /**
     * @param originHeaders every Origin header of the request (none for a non-browser client)
     * @param requestScheme the scheme the request came in on, {@code http} or {@code https}
     * @param host the request's Host header, or null
     */
    public boolean allows(List<String> originHeaders, String requestScheme, String host) {
        if (!checking || originHeaders.isEmpty()) {
            return true;
        }
        if (originHeaders.size() > 1) {
            return false;
        }
        Optional<String> origin = normalize(originHeaders.get(0));
        if (origin.isEmpty()) {
            return false;
        }
        if (origins.contains(origin.get())) {
            return true;
        }
        return sameOrigin && host != null && origin.equals(normalize(requestScheme + "://" + host));
    }

    /** {@code scheme://host:port} in lowercase, or empty when the text is not an origin. */
    static Optional<String> normalize(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
        if (port < 0) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }
}
