package io.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.config.LimitsConfig;

/**
 * A gateway's limits ({@code gateway.limits.*}): those checked before an upgrade and those checked for each client
 * message. One instance per gateway, so all connections of a user on it share their buckets.
 *
 * @param handshakes per-address handshake buckets, connection caps, client addresses
 * @param messages per-user message buckets and the 4008 rule
 */
public record GatewayLimits(HandshakeLimits handshakes, MessageLimits messages) {
    /** Limits as configured, on this time source ({@link Ticker#systemTicker()} outside tests). */
    public static GatewayLimits of(LimitsConfig config, Ticker ticker) {
        return new GatewayLimits(new HandshakeLimits(config, ticker), new MessageLimits(config, ticker));
    }
}
