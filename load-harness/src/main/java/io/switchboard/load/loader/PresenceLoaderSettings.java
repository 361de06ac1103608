package io.switchboard.load.loader;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What one presence loader does.
 *
 * @param index this loader's number
 * @param gateways every gateway's address; client {@code i} connects to gateway {@code i % gateways}
 * @param firstClient global index of this loader's first client (its user {@code u<i>} and source address)
 * @param clients clients of this loader
 * @param perAddress clients per source address 127.0.0.2, .3, …
 * @param channel the one channel every client subscribes to
 * @param jwtSecret the gateways' HS256 secret; each client connects with its own token
 * @param maxInFlight first connections at most between connect and grant
 * @param readBufferBytes the read buffer
 */
record PresenceLoaderSettings(
        int index,
        List<InetSocketAddress> gateways,
        int firstClient,
        int clients,
        int perAddress,
        String channel,
        String jwtSecret,
        int maxInFlight,
        int readBufferBytes)
        implements ClientLoopSettings {}
