package io.switchboard.load.loader;

import java.net.InetSocketAddress;

/**
 * What one loader process does.
 *
 * @param index this loader's number, 0 first
 * @param target the gateway's address
 * @param path the WebSocket path and query, e.g. {@code /ws}
 * @param channel the channel every client subscribes to
 * @param firstClient the global index of this loader's first client (picks its source addresses)
 * @param clients connections this loader opens
 * @param perAddress clients per source address
 * @param maxInFlight connections at most between their connect and their grant
 * @param warmupEvents events numbered up to this are warm-up, not measured
 * @param readBufferBytes the one read buffer's size; also bounds a frame
 */
public record LoaderSettings(
        int index,
        InetSocketAddress target,
        String path,
        String channel,
        int firstClient,
        int clients,
        int perAddress,
        int maxInFlight,
        long warmupEvents,
        int readBufferBytes) {
    /** The Host header: what the client connects to. */
    String hostHeader() {
        return target.getHostString() + ":" + target.getPort();
    }
}
