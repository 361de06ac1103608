package io.switchboard.launcher;

import java.util.Set;

/** How to print where a listener can be reached. */
public final class Addresses {
    /** Hosts a local client reaches as {@code localhost}: the wildcard and loopback addresses. */
    private static final Set<String> LOCAL = Set.of("0.0.0.0", "::", "127.0.0.1", "::1", "localhost");

    private Addresses() {}

    /** The URL a client connects to for a gateway bound to {@code host:port}. */
    public static String webSocketUrl(String host, int port) {
        return "ws://" + shown(host) + ":" + port + "/ws";
    }

    /** The URL of {@code path} (e.g. {@code /metrics}) on an HTTP listener bound to {@code host:port}. */
    public static String httpUrl(String host, int port, String path) {
        return "http://" + shown(host) + ":" + port + path;
    }

    private static String shown(String host) {
        return LOCAL.contains(host) ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    }
}
