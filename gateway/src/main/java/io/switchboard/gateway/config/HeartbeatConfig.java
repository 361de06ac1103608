package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Server heartbeats (PROTOCOL.md, "Heartbeats"): a WebSocket ping every {@link #interval}, announced as {@code
 * heartbeat_ms} in the welcome, and close 4010 when nothing at all (a pong, a ping, any frame) arrives from the peer
 * within {@link #timeout}. A {@link HeartbeatProfile} gives both; each key overrides its own value.
 *
 * @param profile the profile the values started from
 * @param interval between two pings; zero sends none
 * @param timeout silence after which the connection is closed with 4010; zero never closes
 */
public record HeartbeatConfig(HeartbeatProfile profile, Duration interval, Duration timeout) {
    // Key names; each is documented in GatewayKeys.
    public static final String PROFILE = "gateway.heartbeat.profile";
    public static final String INTERVAL_MS = "gateway.heartbeat.interval-ms";
    public static final String TIMEOUT_MS = "gateway.heartbeat.timeout-ms";

    public HeartbeatConfig {
        if (interval.isNegative() || timeout.isNegative()) {
            throw new IllegalArgumentException("heartbeat durations must not be negative");
        }
    }

    /** The profile's values, unchanged. */
    static HeartbeatConfig of(HeartbeatProfile profile) {
        return new HeartbeatConfig(profile, profile.interval(), profile.timeout());
    }

    /** Reads the profile, then the overrides; fails naming the key of a bad value. */
    static HeartbeatConfig from(Settings settings) {
        String name = settings.string(PROFILE);
        HeartbeatProfile profile = HeartbeatProfile.named(name)
                .orElseThrow(() -> new ConfigException(
                        PROFILE,
                        "'" + name + "' is not one of "
                                + Arrays.stream(HeartbeatProfile.values())
                                        .map(HeartbeatProfile::configName)
                                        .collect(Collectors.joining(", "))));
        Duration interval = millis(settings, INTERVAL_MS, profile.interval());
        Duration timeout = millis(settings, TIMEOUT_MS, profile.timeout());
        if (!timeout.isZero() && !interval.isZero() && timeout.compareTo(interval) <= 0) {
            throw new ConfigException(
                    TIMEOUT_MS,
                    timeout.toMillis() + " ms must exceed the ping interval (" + INTERVAL_MS + " = "
                            + interval.toMillis() + " ms), or a quiet client is closed before it is pinged");
        }
        return new HeartbeatConfig(profile, interval, timeout);
    }

    private static Duration millis(Settings settings, String key, Duration profileValue) {
        if (settings.string(key).isBlank()) {
            return profileValue;
        }
        return Duration.ofMillis(GatewayKeys.TABLE.longValue(settings, key));
    }
}
