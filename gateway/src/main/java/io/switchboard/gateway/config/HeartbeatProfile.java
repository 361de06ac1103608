package io.switchboard.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Heartbeat defaults by deployment kind, chosen with {@code gateway.heartbeat.profile}. Each timeout is three
 * intervals: a peer may miss two pings (a long GC pause, a mobile network hiccup) before it is closed with 4010.
 */
public enum HeartbeatProfile {
    /** Interval 45 s, timeout 135 s: a developer stopped in a debugger keeps its connections a while. */
    DEVELOPMENT(Duration.ofSeconds(45), Duration.ofSeconds(135)),
    /** Interval 30 s, timeout 90 s. */
    STAGING(Duration.ofSeconds(30), Duration.ofSeconds(90)),
    /** Interval 25 s (under the 30 s idle timeout of common proxies and load balancers), timeout 75 s. */
    PRODUCTION(Duration.ofSeconds(25), Duration.ofSeconds(75));

    private final Duration interval;
    private final Duration timeout;

    HeartbeatProfile(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    Duration interval() {
        return interval;
    }

    Duration timeout() {
        return timeout;
    }

    /** The name used in configuration: {@code development}, {@code staging}, {@code production}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile of this configuration name, ignoring case. */
    static Optional<HeartbeatProfile> named(String name) {
        for (HeartbeatProfile profile : values()) {
            if (profile.configName().equalsIgnoreCase(name.trim())) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
