package io.switchboard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gateway's WebSocket endpoint, checked once: {@code ws://} or {@code wss://} with a host. Each handshake's URI
 * adds the credential and {@code accept_encoding} query parameters to it (and drops any the caller put there).
 */
final class GatewayUrl {
    private static final List<String> OWN_PARAMETERS = List.of("access_token", "resume", "accept_encoding");

    private final URI base;
    private final List<String> keptParameters;

    private GatewayUrl(URI base, List<String> keptParameters) {
        this.base = base;
        this.keptParameters = keptParameters;
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code url} */
    static GatewayUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a gateway URL is required, e.g. ws://localhost:8080/ws");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException(
                    "a gateway URL must start with ws:// or wss://, e.g. ws://localhost:8080/ws (got '" + url + "')");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL '" + url + "' has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL cannot have a #fragment ('" + url + "')");
        }
        return new GatewayUrl(uri, keptParameters(uri.getRawQuery()));
    }

    private static List<String> keptParameters(String rawQuery) {
        List<String> kept = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!OWN_PARAMETERS.contains(name)) {
                    kept.add(pair);
                }
            }
        }
        return kept;
    }

    /** The URI of one handshake, with these query parameters added (values are encoded here). */
    URI withQuery(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>(keptParameters);
        parameters.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String query = pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        return URI.create(base.getScheme().toLowerCase(Locale.ROOT) + "://" + base.getRawAuthority() + path + query);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2C", ",");
    }

    @Override
    public String toString() {
        return base.getScheme() + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath());
    }
}
