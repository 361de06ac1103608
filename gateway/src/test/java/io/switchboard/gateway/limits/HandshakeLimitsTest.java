package io.switchboard.gateway.limits;

import static io.switchboard.gateway.limits.ClientAddressesTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.LimitsConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeLimitsTest {
    private final ManualTicker ticker = new ManualTicker();

    @Test
    void allowsTheDefaultBurstOfTwentyPerAddressThenTenPerSecond() {
        HandshakeLimits limits = new HandshakeLimits(LimitsConfig.defaultLimits(), ticker);

        for (int i = 0; i < 20; i++) {
            assertThat(limits.tryHandshake(ip("198.51.100.1"))).isZero();
        }
        assertThat(limits.tryHandshake(ip("198.51.100.1"))).isEqualTo(100);
        assertThat(limits.tryHandshake(ip("198.51.100.2"))).isZero();
        ticker.advance(Duration.ofMillis(100));
        assertThat(limits.tryHandshake(ip("198.51.100.1"))).isZero();
    }

    @Test
    void anIpv6NetworkOfThePrefixLengthSharesOneBucket() {
        HandshakeLimits limits = limits(1, 100);

        assertThat(limits.tryHandshake(ip("2001:db8:0:1::1"))).isZero();
        assertThat(limits.tryHandshake(ip("2001:db8:0:1:ffff::2"))).isEqualTo(1000);
        assertThat(limits.tryHandshake(ip("2001:db8:0:2::1"))).isZero();
    }

    @Test
    void aBurstOfZeroIsNoLimit() {
        HandshakeLimits limits = limits(0, 100);

        for (int i = 0; i < 1000; i++) {
            assertThat(limits.tryHandshake(ip("198.51.100.1"))).isZero();
        }
    }

    @Test
    void admitsAgainstTheConfiguredCaps() {
        HandshakeLimits limits = limits(1, 1);

        assertThat(limits.admit("alice")).isInstanceOf(ConnectionCaps.Admitted.class);
        assertThat(limits.admit("alice")).isInstanceOf(ConnectionCaps.Refused.class);
        assertThat(limits.caps().open()).isEqualTo(1);
    }

    /** One handshake a second per address, {@code burst} at once; {@code maxPerUser} connections a user, 10 in all. */
    private HandshakeLimits limits(long burst, int maxPerUser) {
        LimitsConfig config = GatewayConfig.forTests(
                        "127.0.0.1:1",
                        Map.of(
                                LimitsConfig.HANDSHAKES_BURST,
                                Long.toString(burst),
                                LimitsConfig.HANDSHAKES_PER_SECOND,
                                "1",
                                LimitsConfig.CONNECTIONS_PER_USER,
                                Integer.toString(maxPerUser),
                                LimitsConfig.CONNECTIONS_MAX,
                                "10"))
                .limits();
        return new HandshakeLimits(config, ticker);
    }
}
