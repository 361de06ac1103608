package io.switchboard.load.coordinator;

import java.net.URI;
import java.util.Map;

/**
 * Where one run's servers answer, and the PIDs to measure by role ({@code gateway}, {@code processor}, {@code
 * broker}; absent when unknown).
 */
record Endpoints(String bootstrap, String gatewayHost, int gatewayPort, String gatewayPath, Map<String, Long> pids) {
    /** Endpoints of servers that were already running. */
    static Endpoints of(URI gatewayUrl, String bootstrap, Map<String, Long> pids) {
        String path =
                (gatewayUrl.getRawPath() == null || gatewayUrl.getRawPath().isEmpty() ? "/" : gatewayUrl.getRawPath())
                        + (gatewayUrl.getRawQuery() == null ? "" : "?" + gatewayUrl.getRawQuery());
        int port = gatewayUrl.getPort() > 0 ? gatewayUrl.getPort() : 80;
        return new Endpoints(bootstrap, gatewayUrl.getHost(), port, path, pids);
    }
}
