package io.switchboard.load.loader;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What one scale loader does.
 *
 * @param index this loader's number
 * @param gateways every gateway's address; client {@code i} starts on gateway {@code i % gateways}
 * @param firstClient global index of this loader's first client (its user {@code u<i>} and source address)
 * @param clients clients of this loader
 * @param perAddress clients per source address 127.0.0.2, .3, …
 * @param channels shared channels {@code forum_threads:0..channels-1}; client {@code i} reads {@code i % channels}
 * @param jwtSecret the gateways' HS256 secret; each client connects with its own token
 * @param backoffBaseMillis first reconnect window (full jitter)
 * @param backoffCapMillis largest reconnect window
 * @param maxInFlight first connections at most between connect and grant
 * @param readBufferBytes the read buffer
 */
public record ScaleSettings(
        int index,
        List<InetSocketAddress> gateways,
        int firstClient,
        int clients,
        int perAddress,
        int channels,
        String jwtSecret,
        long backoffBaseMillis,
        long backoffCapMillis,
        int maxInFlight,
        int readBufferBytes)
        implements ClientLoopSettings {
    /** The shared channel of client {@code i}. */
    public static String channelOf(int client, int channels) {
        return "forum_threads:" + (client % channels);
    }

    /** The user of client {@code i}. */
    public static String userOf(int client) {
        return "u" + client;
    }
}
