package io.switchboard.gateway.limits;

import static io.switchboard.gateway.limits.ClientAddressesTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.gateway.config.LimitsConfig.Rate;
import java.time.Duration;
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
        HandshakeLimits limits = limits(new Rate(1, 1));

        assertThat(limits.tryHandshake(ip("2001:db8:0:1::1"))).isZero();
        assertThat(limits.tryHandshake(ip("2001:db8:0:1:ffff::2"))).isEqualTo(1000);
        assertThat(limits.tryHandshake(ip("2001:db8:0:2::1"))).isZero();
    }

    @Test
    void aBurstOfZeroIsNoLimit() {
        HandshakeLimits limits = limits(new Rate(0, 1));

        for (int i = 0; i < 1000; i++) {
            assertThat(limits.tryHandshake(ip("198.51.100.1"))).isZero();
        }
    }

    @Test
    void admitsAgainstTheConfiguredCaps() {
        HandshakeLimits limits =
                new HandshakeLimits(LimitsConfig.defaultLimits().withHandshakes(new Rate(1, 1), 1, 10), ticker);

        assertThat(limits.admit("alice")).isInstanceOf(ConnectionCaps.Admitted.class);
        assertThat(limits.admit("alice")).isInstanceOf(ConnectionCaps.Refused.class);
        assertThat(limits.caps().open()).isEqualTo(1);
    }

    private HandshakeLimits limits(Rate rate) {
        return new HandshakeLimits(LimitsConfig.defaultLimits().withHandshakes(rate, 100, 100), ticker);
    }
}
