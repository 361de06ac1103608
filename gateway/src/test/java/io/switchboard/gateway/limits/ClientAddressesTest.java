package io.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses addresses = new ClientAddresses(blocks("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

    @Test
    void ignoresTheHeaderFromAPeerThatIsNotATrustedProxy() {
        assertThat(resolve("203.0.113.9", "198.51.100.1")).isEqualTo(ip("203.0.113.9"));
        assertThat(resolve("2001:db8::9", "198.51.100.1")).isEqualTo(ip("2001:db8::9"));
    }

    @Test
    void takesTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(resolve("10.1.2.3", "198.51.100.1")).isEqualTo(ip("198.51.100.1"));
        // the client forged the first entry; the proxies appended the real one and their own
        assertThat(resolve("10.1.2.3", "1.1.1.1, 198.51.100.1, 10.9.9.9, 192.0.2.7"))
                .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void readsEveryHeaderValueInOrder() {
        assertThat(resolve("10.1.2.3", "1.1.1.1, 198.51.100.1", "10.9.9.9")).isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void matchesIpv6BlocksAndIpv6Clients() {
        assertThat(resolve("fd12::1", "2001:db8::42, fd34::5")).isEqualTo(ip("2001:db8::42"));
        assertThat(resolve("fd12::1", "[2001:db8::43]:4711")).isEqualTo(ip("2001:db8::43"));
        assertThat(resolve("fe80::1", "2001:db8::42")).isEqualTo(ip("fe80::1"));
    }

    @Test
    void treatsAnIpv4MappedPeerAsItsIpv4Address() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1});
        InetAddress client = addresses.resolve(mapped, List.of("198.51.100.1"));

        assertThat(client).isEqualTo(ip("198.51.100.1"));
        assertThat(resolve("fd00::1", "::ffff:198.51.100.2")).isEqualTo(ip("198.51.100.2"));
    }

    @Test
    void acceptsAnIpv4EntryWithAPort() {
        assertThat(resolve("10.1.2.3", "198.51.100.1:5050")).isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void stopsAtAnEntryThatIsNotAnAddress() {
        assertThat(resolve("10.1.2.3", "198.51.100.1, unknown, 10.2.2.2")).isEqualTo(ip("10.2.2.2"));
        assertThat(resolve("10.1.2.3", "evil.example.com")).isEqualTo(ip("10.1.2.3"));
        assertThat(resolve("10.1.2.3", "198.51.100.1:http")).isEqualTo(ip("10.1.2.3"));
        assertThat(resolve("10.1.2.3", "")).isEqualTo(ip("10.1.2.3"));
        assertThat(resolve("10.1.2.3", "10.0.0.0/8")).isEqualTo(ip("10.1.2.3"));
        assertThat(resolve("10.1.2.3", "*")).isEqualTo(ip("10.1.2.3"));
        assertThat(resolve("10.1.2.3", "1")).isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void takesTheLeftMostWhenEveryEntryIsATrustedProxy() {
        assertThat(resolve("10.1.2.3", "10.5.5.5, 192.0.2.7")).isEqualTo(ip("10.5.5.5"));
    }

    @Test
    void withoutTrustedProxiesAlwaysThePeer() {
        ClientAddresses none = new ClientAddresses(List.of());

        assertThat(none.resolve(ip("10.1.2.3"), List.of("198.51.100.1"))).isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void withoutTheHeaderThePeer() {
        assertThat(addresses.resolve(ip("10.1.2.3"), List.of())).isEqualTo(ip("10.1.2.3"));
    }

    private InetAddress resolve(String peer, String... forwardedFor) {
        return addresses.resolve(ip(peer), List.of(forwardedFor));
    }

    static InetAddress ip(String literal) {
        return new IPAddressString(literal).getAddress().toInetAddress();
    }

    private static List<IPAddress> blocks(String... cidrs) {
        return Stream.of(cidrs)
                .map(cidr -> new IPAddressString(cidr).getAddress().toPrefixBlock())
                .toList();
    }
}
