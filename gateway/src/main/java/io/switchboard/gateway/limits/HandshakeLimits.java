package io.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import io.switchboard.gateway.config.LimitsConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Limits applied before an upgrade, all answered with HTTP 429: a token bucket of handshakes per client address (an
 * IPv6 client's bucket is its network's, of the configured prefix length, since one host may hold a whole /64), and
 * the connection caps. The client address honours {@code X-Forwarded-For} from trusted proxies only ({@link
 * ClientAddresses}). Thread-safe; never blocks.
 */
public final class HandshakeLimits {
    /** The {@code limit} tag of the rate-limit meter for the per-address handshake bucket. */
    public static final String HANDSHAKE_LIMIT = "handshake";

    private static final IPAddressGenerator FROM_INET = new IPAddressGenerator();

    private final ClientAddresses addresses;
    private final TokenBuckets<String> perAddress;
    private final int ipv6PrefixLength;
    private final ConnectionCaps caps;

    public HandshakeLimits(LimitsConfig config, Ticker ticker) {
        LimitsConfig.Rate rate = config.handshakes();
        this.addresses = new ClientAddresses(config.trustedProxies());
        this.perAddress = new TokenBuckets<>(address -> rate, rate.toFill(), ticker);
        this.ipv6PrefixLength = config.ipv6PrefixLength();
        this.caps = new ConnectionCaps(config.maxConnectionsPerUser(), config.maxConnections());
    }

    /**
     * The client's address (see {@link ClientAddresses}).
     *
     * @param peer the socket's peer
     * @param forwardedFor every {@code X-Forwarded-For} value, in order; empty when there is none
     */
    public InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        return addresses.resolve(peer, forwardedFor);
    }

    /** Whether the socket's peer is a trusted proxy ({@code gateway.limits.trusted-proxies}). */
    public boolean trustsProxy(InetAddress peer) {
        return addresses.trusts(peer);
    }

    /**
     * Takes a token from the client address's handshake bucket.
     *
     * @return 0 when the handshake may go on, else the milliseconds until it may be tried again
     */
    public long tryHandshake(InetAddress client) {
        long wait = perAddress.tryTake(bucketKey(client));
        return wait == TokenBuckets.TAKEN ? 0 : TokenBuckets.toMillis(wait);
    }

    /** Counts a connection of this user (null: anonymous) against the caps. */
    public ConnectionCaps.Admission admit(String userId) {
        return caps.tryAcquire(userId);
    }

    /** The connection caps, with their current counts. */
    ConnectionCaps caps() {
        return caps;
    }

    private String bucketKey(InetAddress client) {
        if (client instanceof Inet6Address) {
            IPAddress network = FROM_INET.from(client).toPrefixBlock(ipv6PrefixLength);
            return network.toCanonicalString();
        }
        return client.getHostAddress();
    }
}
