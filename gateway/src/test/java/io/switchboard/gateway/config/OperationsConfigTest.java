package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationsConfigTest {
    @Test
    void defaultsToTheProductionHeartbeatATenSecondDrainAndBoundedPendingActions() {
        OperationsConfig config = OperationsConfig.defaultsOnly();

        assertThat(config.heartbeat())
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.PRODUCTION, Duration.ofSeconds(25), Duration.ofSeconds(75)));
        assertThat(config.drainGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.outage()).isEqualTo(new OutageConfig(Duration.ofSeconds(5), 10_000, 16 * 1024 * 1024));
    }

    @Test
    void eachProfileGivesItsIntervalAndTimeout() {
        assertThat(heartbeat(Map.of("gateway.heartbeat.profile", "development")))
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.DEVELOPMENT, Duration.ofSeconds(45), Duration.ofSeconds(135)));
        assertThat(heartbeat(Map.of("gateway.heartbeat.profile", "Staging")))
                .isEqualTo(
                        new HeartbeatConfig(HeartbeatProfile.STAGING, Duration.ofSeconds(30), Duration.ofSeconds(90)));
        assertThat(heartbeat(Map.of("gateway.heartbeat.profile", "production")))
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.PRODUCTION, Duration.ofSeconds(25), Duration.ofSeconds(75)));
    }

    @Test
    void eachKeyOverridesItsOwnValueOfTheProfile() {
        HeartbeatConfig interval =
                heartbeat(Map.of("gateway.heartbeat.profile", "staging", "gateway.heartbeat.interval-ms", "20000"));
        assertThat(interval.interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(interval.timeout()).isEqualTo(Duration.ofSeconds(90));

        HeartbeatConfig timeout =
                heartbeat(Map.of("gateway.heartbeat.profile", "staging", "gateway.heartbeat.timeout-ms", "60000"));
        assertThat(timeout.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeout.timeout()).isEqualTo(Duration.ofSeconds(60));

        HeartbeatConfig off =
                heartbeat(Map.of("gateway.heartbeat.interval-ms", "0", "gateway.heartbeat.timeout-ms", "0"));
        assertThat(off.interval()).isZero();
        assertThat(off.timeout()).isZero();
    }

    @Test
    void refusesAnUnknownProfileNamingTheKeyAndTheProfiles() {
        assertThatThrownBy(() -> heartbeat(Map.of("gateway.heartbeat.profile", "prod")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.heartbeat.profile")
                .hasMessageContaining("development, staging, production");
    }

    @Test
    void refusesATimeoutThatDoesNotExceedTheIntervalNamingTheTimeoutKey() {
        assertThatThrownBy(() -> heartbeat(Map.of("gateway.heartbeat.timeout-ms", "25000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.heartbeat.timeout-ms")
                .hasMessageContaining("gateway.heartbeat.interval-ms");
    }

    @Test
    void refusesBadValuesNamingTheirKey() {
        Map<String, String> bad = Map.of(
                "gateway.heartbeat.interval-ms", "often",
                "gateway.heartbeat.timeout-ms", "-1",
                "gateway.drain.grace-ms", "0",
                "gateway.kafka.unreachable-after-ms", "10",
                "gateway.kafka.max-pending-actions", "0",
                "gateway.kafka.max-pending-bytes", "12");
        bad.forEach((key, value) -> assertThatThrownBy(() -> OperationsConfig.of(Map.of(key, value)))
                .as(key)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key));
    }

    @Test
    void leasesAreRenewedEveryFiveSecondsAndValidForTwentyByDefault() {
        assertThat(OperationsConfig.defaultsOnly().lease())
                .isEqualTo(new LeaseConfig(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        assertThat(OperationsConfig.of(Map.of("gateway.lease.interval-ms", "0"))
                        .lease()
                        .enabled())
                .as("an interval of 0 writes no lease")
                .isFalse();
    }

    @Test
    void refusesALeaseTtlBelowTwiceTheIntervalNamingTheTtlKey() {
        assertThatThrownBy(() -> OperationsConfig.of(
                        Map.of("gateway.lease.interval-ms", "5000", "gateway.lease.ttl-ms", "9999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.lease.ttl-ms")
                .hasMessageContaining("gateway.lease.interval-ms");
        assertThat(OperationsConfig.of(Map.of("gateway.lease.interval-ms", "5000", "gateway.lease.ttl-ms", "10000"))
                        .lease()
                        .ttl())
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new LeaseConfig(Duration.ofSeconds(5), Duration.ofSeconds(9)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBadLeaseValuesNamingTheirKey() {
        Map<String, String> bad = Map.of(
                "gateway.lease.interval-ms", "-1",
                "gateway.lease.ttl-ms", "0");
        bad.forEach((key, value) -> assertThatThrownBy(() -> OperationsConfig.of(Map.of(key, value)))
                .as(key)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key));
    }

    @Test
    void aMisspelledKeyFailsAtLoadNamingIt() {
        assertThatThrownBy(() -> Settings.load(
                        GatewayConfig.defaults(),
                        Set.of("kafka."),
                        (Path) null,
                        Map.of(),
                        Map.of("gateway.heartbeat.timeout", "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.heartbeat.timeout");
    }

    private static HeartbeatConfig heartbeat(Map<String, String> overrides) {
        return OperationsConfig.of(overrides).heartbeat();
    }
}
