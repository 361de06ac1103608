package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import io.switchboard.gateway.config.LimitsConfig.Rate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        LimitsConfig config = load(Map.of());

        assertThat(config.messages())
                .isEqualTo(new LimitsConfig.MessageRates(
                        new Rate(120, 2), new Rate(30, 1), new Rate(30, 1), new Rate(10, 1), new Rate(60, 10)));
        assertThat(config.abuse()).isEqualTo(new LimitsConfig.Abuse(50, Duration.ofSeconds(10)));
        assertThat(config.handshakes()).isEqualTo(new Rate(20, 10));
        assertThat(config.ipv6PrefixLength()).isEqualTo(64);
        assertThat(config.maxConnectionsPerUser()).isEqualTo(100);
        assertThat(config.maxConnections()).isEqualTo(50_000);
        assertThat(config.trustedProxies()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        LimitsConfig config = load(Map.ofEntries(
                Map.entry("gateway.limits.messages.ping.burst", "5"),
                Map.entry("gateway.limits.messages.ping.per-second", "0.5"),
                Map.entry("gateway.limits.messages.subscribe.burst", "0"),
                Map.entry("gateway.limits.messages.get-reconnection-token.per-second", "3"),
                Map.entry("gateway.limits.messages.other.burst", "7"),
                Map.entry("gateway.limits.abuse.max-refused", "0"),
                Map.entry("gateway.limits.abuse.window-ms", "2500"),
                Map.entry("gateway.limits.handshakes.burst", "3"),
                Map.entry("gateway.limits.handshakes.per-second", "0.25"),
                Map.entry("gateway.limits.handshakes.ipv6-prefix-length", "56"),
                Map.entry("gateway.limits.connections.per-user", "0"),
                Map.entry("gateway.limits.connections.max", "9"),
                Map.entry("gateway.limits.trusted-proxies", "10.0.0.0/8, 192.0.2.7, fd00::/8, 2001:db8::1")));

        assertThat(config.messages().ping()).isEqualTo(new Rate(5, 0.5));
        assertThat(config.messages().ping().perToken()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.messages().subscribe().isUnlimited()).isTrue();
        assertThat(config.messages().getReconnectionToken()).isEqualTo(new Rate(10, 3));
        assertThat(config.messages().other()).isEqualTo(new Rate(7, 10));
        assertThat(config.abuse()).isEqualTo(new LimitsConfig.Abuse(0, Duration.ofMillis(2500)));
        assertThat(config.handshakes()).isEqualTo(new Rate(3, 0.25));
        assertThat(config.ipv6PrefixLength()).isEqualTo(56);
        assertThat(config.maxConnectionsPerUser()).isZero();
        assertThat(config.maxConnections()).isEqualTo(9);
        assertThat(config.trustedProxies())
                .extracting(Object::toString)
                .containsExactly("10.0.0.0/8", "192.0.2.7", "fd00::/8", "2001:db8::1");
    }

    @Test
    void isReadWithTheGatewayConfigurationWhoseTestsSwitchTheHandshakeBucketOff() {
        GatewayConfig config = GatewayConfig.forTests("127.0.0.1:1", Map.of(LimitsConfig.CONNECTIONS_MAX, "7"));

        assertThat(GatewayConfig.defaults()).containsEntry(LimitsConfig.CONNECTIONS_MAX, "50000");
        assertThat(config.limits().maxConnections()).isEqualTo(7);
        assertThat(config.limits().handshakes().isUnlimited()).isTrue();
        assertThat(config.limits().messages())
                .isEqualTo(LimitsConfig.defaultLimits().messages());
    }

    @Test
    void aCidrWithHostBitsMeansItsWholeBlock() {
        LimitsConfig config = load(Map.of("gateway.limits.trusted-proxies", "10.1.2.3/16"));

        assertThat(config.trustedProxies().get(0).contains(new IPAddressString("10.1.200.200").getAddress()))
                .isTrue();
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertRefused("gateway.limits.trusted-proxies", "10.0.0.0/8, proxy.example.com");
        assertRefused("gateway.limits.trusted-proxies", "10.0.0.0/33");
        assertRefused("gateway.limits.trusted-proxies", "10.0.0.*");
        assertRefused("gateway.limits.messages.ping.per-second", "fast");
        assertRefused("gateway.limits.messages.ping.per-second", "0");
        assertRefused("gateway.limits.messages.ping.per-second", "NaN");
        assertRefused("gateway.limits.messages.subscribe.burst", "-1");
        assertRefused("gateway.limits.abuse.window-ms", "0");
        assertRefused("gateway.limits.handshakes.ipv6-prefix-length", "129");
        assertRefused("gateway.limits.connections.max", "-5");
    }

    private static void assertRefused(String key, String value) {
        assertThatThrownBy(() -> load(Map.of(key, value)))
                .as("%s=%s", key, value)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    private static LimitsConfig load(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(GatewayConfig.defaults());
        values.putAll(overrides);
        return LimitsConfig.from(Settings.of(values));
    }
}
