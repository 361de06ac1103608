package io.switchboard.launcher.dev;

import io.switchboard.config.ConfigKey;
import io.switchboard.config.ConfigTable;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of dev mode: the embedded broker's own keys plus a whole processor and gateway configuration,
 * both pointed at the embedded broker.
 *
 * <p>Dev mode accepts every {@code gateway.*} and {@code processor.*} key besides its own, and changes some of their
 * defaults; {@link #KEYS} documents both.
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
    static final String DEMO_INTERVAL_MS = "dev.demo-interval-ms";

    /** Dev mode's own keys, documented once. */
    public static final ConfigTable KEYS = new ConfigTable(
            "Dev mode (`switchboard dev`)",
            """
            Dev mode accepts every gateway and processor key besides these, and changes some defaults: the gateway \
            and the processor's metrics and health endpoints bind 127.0.0.1, the gateway allows anonymous \
            connections, checks no Origin (`gateway.auth.allowed-origins` empty) and uses the `development` \
            heartbeat profile; without a `gateway.auth.jwt.secret` it generates one for the run, so that development \
            tokens work; the processor's consumers use a 6 s session timeout, so that a restart on a kept \
            `--data-dir` does not wait 45 s for the previous run's group member to expire.
            """,
            List.of(
                    ConfigKey.integer(
                            KAFKA_PORT,
                            "9092",
                            0,
                            65_535,
                            "The embedded broker's port on localhost (`--kafka-port`); 0 picks a free one."),
                    ConfigKey.text(
                            DATA_DIR,
                            "",
                            "Where the broker keeps its log and the processor its state (`--data-dir`); empty = a "
                                    + "fresh temporary directory, deleted on exit."),
                    ConfigKey.bool(
                            DEMO,
                            "false",
                            "Publish sample events on `metrics` and `status`, and book-request notifications for "
                                    + "`viewer` and the admins (`--demo`)."),
                    ConfigKey.integer(
                            DEMO_INTERVAL_MS,
                            "1000",
                            10,
                            3_600_000,
                            "Milliseconds between two rounds of demo events.")),
            """
            Every command takes `--config FILE` and `--print-config` (validate, print the effective configuration \
            with secrets hidden, exit).
            """);

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
        defaults.putAll(KEYS.defaults());
        return defaults;
    }

    /**
     * Validates the settings and points the gateway and the processor at the embedded broker (whatever their
     * bootstrap keys said). A Kafka port of 0 is replaced by a free port now, so that both know it; a blank JWT
     * secret by a generated one.
     */
    public static DevConfig from(Settings settings) {
        int port = KEYS.intValue(settings, KAFKA_PORT);
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
                Duration.ofMillis(KEYS.longValue(settings, DEMO_INTERVAL_MS)),
                GatewayConfig.from(effective),
                ProcessorConfig.from(effective),
                !settings.string(ProcessorKeys.STATE_DIR).isBlank(),
                generateSecret,
                effective);
    }

    /**
     * The processor's configuration with its state in {@code stateDir}: dev mode keeps it in the broker's data
     * directory unless {@code processor.state-dir} is set, and that directory is known only once the broker runs.
     */
    ProcessorConfig processorWithStateDir(Path stateDir) {
        Map<String, String> values = new TreeMap<>(settings.withPrefix(""));
        values.put(ProcessorKeys.STATE_DIR, stateDir.toString());
        return ProcessorConfig.from(Settings.of(values));
    }

    /** 256 random bits in base64url: 43 characters, a valid HS256 secret as its UTF-8 bytes. */
    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code localhost:<kafka port>}. */
    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }
}
