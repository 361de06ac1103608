package io.switchboard.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.HeartbeatProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevConfigTest {
    @Test
    void devRunsTheGatewayWithTheDevelopmentHeartbeatProfile() {
        HeartbeatConfig heartbeat = DevConfig.from(Settings.of(DevConfig.defaults()))
                .gateway()
                .operations()
                .heartbeat();

        assertThat(heartbeat)
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.DEVELOPMENT, Duration.ofSeconds(45), Duration.ofSeconds(135)));
    }

    @Test
    void theHeartbeatKeysStillOverrideTheDevelopmentProfile() {
        Map<String, String> values = new HashMap<>(DevConfig.defaults());
        values.put(HeartbeatConfig.PROFILE, "staging");
        values.put(HeartbeatConfig.INTERVAL_MS, "10000");

        HeartbeatConfig heartbeat =
                DevConfig.from(Settings.of(values)).gateway().operations().heartbeat();

        assertThat(heartbeat.profile()).isEqualTo(HeartbeatProfile.STAGING);
        assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(heartbeat.timeout()).isEqualTo(Duration.ofSeconds(90));
    }
}
