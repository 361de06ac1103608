package io.switchboard.launcher.dev;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.HeartbeatProfile;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of dev mode: the embedded broker's own keys plus a whole processor and gateway configuration,
 * both pointed at the embedded broker.
 *
 * <p>Keys of dev mode (besides every {@code gateway.*} and {@code processor.*} key):
 *
 * <ul>
 *   <li>{@code dev.kafka-port} (9092): the embedded broker's port on localhost; 0 picks a free one.
 *   <li>{@code dev.data-dir} (empty): where the broker keeps its log and the processor its state; empty means a
 *       fresh temporary directory, deleted on exit.
 *   <li>{@code dev.demo} (false): publish sample events on {@code metrics} and {@code status}, and book requests
 *       addressed to the viewer and the admins ({@link DemoEvents}).
 *   <li>{@code dev.demo-interval-ms} (1000): milliseconds between two rounds of demo events.
 * </ul>
 *
 * Dev mode changes some defaults: the gateway and the processor's metrics and health endpoints bind {@code
 * 127.0.0.1}, allows anonymous connections and checks no
 * Origin ({@code gateway.auth.allowed-origins} empty); without a {@code gateway.auth.jwt.secret} it generates one (32
 * random bytes, base64url) for this run, so that development tokens work; and the processor's consumers use a 6 s
 * session timeout instead of 45 s, so that a restart on a kept {@code --data-dir} does not wait 45 s for the
 * previous run's group member to expire.
 *
 * @param dataDir null for a temporary directory
 * @param jwtSecretGenerated whether the gateway's JWT secret was generated for this run (none was configured)
 * @param stateDirConfigured whether {@code processor.state-dir} was set; if not, state lives in the data dir
 * @param settings the effective settings, for {@code --print-config}
 */
public record DevConfig(
        int kafkaPort,
        Path dataDir,
        boolean demo,
        Duration demoInterval,
        GatewayConfig gateway,
        ProcessorConfig processor,
        boolean stateDirConfigured,
        boolean jwtSecretGenerated,
        Settings settings) {
    public static final String KAFKA_PORT = "dev.kafka-port";
    public static final String DATA_DIR = "dev.data-dir";
    public static final String DEMO = "dev.demo";
    public static final String DEMO_INTERVAL_MS = "dev.demo-interval-ms";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SESSION_TIMEOUT_MS = "streams.consumer.session.timeout.ms";
    private static final String HEARTBEAT_INTERVAL_MS = "streams.consumer.heartbeat.interval.ms";

    /** Every key dev mode accepts, with its default: the gateway's, the processor's and its own. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.putAll(ProcessorConfig.defaults());
        defaults.putAll(GatewayConfig.defaults());
        defaults.put(GatewayConfig.HOST, "127.0.0.1");
        defaults.put(ProcessorKeys.HTTP_HOST, "127.0.0.1");
        defaults.put(GatewayConfig.AUTH_ANONYMOUS, "true");
        defaults.put(GatewayConfig.AUTH_ALLOWED_ORIGINS, "");
        // a developer paused in a debugger keeps its connections longer
        defaults.put(HeartbeatConfig.PROFILE, HeartbeatProfile.DEVELOPMENT.configName());
        defaults.put(SESSION_TIMEOUT_MS, "6000");
        defaults.put(HEARTBEAT_INTERVAL_MS, "2000");
        defaults.put(KAFKA_PORT, "9092");
        defaults.put(DATA_DIR, "");
        defaults.put(DEMO, "false");
        defaults.put(DEMO_INTERVAL_MS, "1000");
        return defaults;
    }

    /**
     * Validates the settings and points the gateway and the processor at the embedded broker (whatever their
     * bootstrap keys said). A Kafka port of 0 is replaced by a free port now, so that both know it; a blank JWT
     * secret by a generated one.
     */
    public static DevConfig from(Settings settings) {
        int port = settings.integer(KAFKA_PORT, 0, 65_535);
        int kafkaPort = port == 0 ? FreePorts.pick() : port;
        String dataDir = settings.string(DATA_DIR).trim();
        Map<String, String> values = new TreeMap<>(settings.withPrefix(""));
        values.put(GatewayConfig.BOOTSTRAP_SERVERS, "localhost:" + kafkaPort);
        values.put(ProcessorKeys.BOOTSTRAP_SERVERS, "localhost:" + kafkaPort);
        boolean generateSecret = settings.string(GatewayConfig.AUTH_JWT_SECRET).isBlank();
        if (generateSecret) {
            values.put(GatewayConfig.AUTH_JWT_SECRET, randomSecret());
        }
        Settings effective = Settings.of(values);
        return new DevConfig(
                kafkaPort,
                dataDir.isEmpty() ? null : Path.of(dataDir).toAbsolutePath(),
                settings.bool(DEMO),
                Duration.ofMillis(settings.longValue(DEMO_INTERVAL_MS, 10, 3_600_000)),
                GatewayConfig.from(effective),
                ProcessorConfig.from(effective),
                !settings.string(ProcessorKeys.STATE_DIR).isBlank(),
                generateSecret,
                effective);
    }

    /** 256 random bits in base64url: 43 characters, a valid HS256 secret as its UTF-8 bytes. */
    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code localhost:<kafka port>}. */
    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }
}
