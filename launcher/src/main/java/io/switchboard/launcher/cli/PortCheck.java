package io.switchboard.launcher.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a listening port before anything starts, so that a taken port gives one clear message instead of a
 * half-started cluster (the embedded broker, in particular, treats a failed bind as fatal).
 */
final class PortCheck {
    private PortCheck() {}

    /** Throws {@link PortInUseException} naming {@code option} when {@code host:port} cannot be bound now. */
    static void requireFree(String host, int port, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new PortInUseException("Port " + port + " on " + host + " is already in use (" + e.getMessage()
                    + "); choose another with " + option + ".");
        }
    }
}
