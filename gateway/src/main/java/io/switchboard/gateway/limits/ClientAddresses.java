package io.switchboard.gateway.limits;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from. The direct peer, unless it is a trusted proxy: then {@code X-Forwarded-For} is read from
 * the right (the entry the trusted peer added last) and the client is the first address that is not a trusted proxy
 * itself; when every entry is a trusted proxy, the left-most one. An entry that is not an IP address stops the walk at
 * the last address before it, so a forged or broken entry is never believed. IPv4-mapped IPv6 addresses count as
 * their IPv4 address.
 */
final class ClientAddresses {
    /** Literal addresses only: no names (nothing is ever looked up), ranges, wildcards, prefixes or inet_aton forms. */
    private static final IPAddressStringParameters LITERAL = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefix(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false)
            .toParams();

    private static final IPAddressGenerator FROM_INET = new IPAddressGenerator();

    private final List<IPAddress> trustedProxies;

    /** @param trustedProxies prefix blocks (or single addresses) of the proxies whose header is believed */
    ClientAddresses(List<IPAddress> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * The client's address.
     *
     * @param peer the direct peer of the socket
     * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
     */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        IPAddress client = normalized(FROM_INET.from(peer));
        if (!isTrusted(client) || forwardedFor.isEmpty()) {
            return client.toInetAddress();
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<IPAddress> hop = parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client.toInetAddress();
    }

    /** Whether the socket's peer is a trusted proxy, whose forwarding headers are believed. */
    boolean trusts(InetAddress peer) {
        return isTrusted(normalized(FROM_INET.from(peer)));
    }

    private boolean isTrusted(IPAddress address) {
        for (IPAddress block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated entries of every header value, left to right. */
    private static List<String> hops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",", -1)) {
                hops.add(entry.trim());
            }
        }
        return hops;
    }

    /**
     * One entry: an IPv4 or IPv6 address, optionally with a port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443})
     * as some proxies write it.
     */
    static Optional<IPAddress> parse(String entry) {
        String host = entry;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            host = host.substring(1, end);
            if (!isPort(entry.substring(end + 1), true)) {
                return Optional.empty();
            }
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            // IPv4 with a port; IPv6 has at least two colons
            if (!isPort(host.substring(host.indexOf(':')), false)) {
                return Optional.empty();
            }
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            return Optional.of(normalized(new IPAddressString(host, LITERAL).toAddress()));
        } catch (AddressStringException e) {
            return Optional.empty();
        }
    }

    /** {@code :digits}, or nothing where {@code optional}. */
    private static boolean isPort(String suffix, boolean optional) {
        if (suffix.isEmpty()) {
            return optional;
        }
        return suffix.length() <= 6
                && suffix.charAt(0) == ':'
                && suffix.length() > 1
                && suffix.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IPAddress normalized(IPAddress address) {
        if (address instanceof IPv6Address v6 && v6.isIPv4Mapped()) {
            return v6.getEmbeddedIPv4Address();
        }
        return address;
    }
}
