package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigTable;
import io.switchboard.config.Settings;
import io.switchboard.schemas.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's whole configuration, loaded once from {@link Settings} and validated there (a bad value fails at
 * start, naming its key). Every key is documented, with its default and accepted values, in {@link GatewayKeys}; the
 * environment variable of a key is {@code SWITCHBOARD_} + the key upper-cased with {@code .} and {@code -} as {@code _}.
 *
 * @param host address to bind
 * @param port port to bind; 0 lets the OS choose (see {@code SwitchboardGateway.port()})
 * @param ioThreads the server's I/O threads, which read and write every connection's socket: {@link
 *     #DEFAULT_IO_THREADS} for one per core the JVM may use (at least two)
 * @param gatewayId this gateway's id: the key of its replies on the replies topic
 * @param auth who may connect: anonymous access, the Origin allowlist, how JWTs are verified
 * @param maxMessageBytes largest inbound message (all fragments of it); a larger one closes with 1009
 * @param outbound per-connection outbound queue bounds
 * @param kafka how to reach Kafka
 * @param resumeTimeout how long a {@code resume=} handshake waits for the processor's answer before a 503
 * @param deflate whether the permessage-deflate extension is offered, and its level
 * @param limits rate limits of messages and handshakes, connection caps, trusted proxies ({@code gateway.limits.*}, keys
 *     documented in {@link LimitsConfig})
 * @param operations heartbeats ({@code gateway.heartbeat.*}, {@link HeartbeatConfig}), Kafka outage bounds ({@code
 *     gateway.kafka.*}, {@link OutageConfig}), the drain grace ({@code gateway.drain.grace-ms}) and the lease ({@code
 *     gateway.lease.*}, {@link OperationsConfig})
 */
public record GatewayConfig(
        String host,
        int port,
        int ioThreads,
        String gatewayId,
        AuthConfig auth,
        int maxMessageBytes,
        OutboundConfig outbound,
        KafkaClientConfig kafka,
        Duration resumeTimeout,
        DeflateConfig deflate,
        LimitsConfig limits,
        OperationsConfig operations) {

    // Key names; each is documented in GatewayKeys.
    public static final String HOST = "gateway.host";
    public static final String PORT = "gateway.port";
    public static final String IO_THREADS = "gateway.io-threads";
    public static final String ID = "gateway.id";
    public static final String TOPIC_PREFIX = "gateway.topic-prefix";
    public static final String BOOTSTRAP_SERVERS = "gateway.bootstrap-servers";
    public static final String AUTH_ANONYMOUS = "gateway.auth.anonymous";
    public static final String AUTH_ALLOWED_ORIGINS = "gateway.auth.allowed-origins";
    public static final String AUTH_JWT_SECRET = "gateway.auth.jwt.secret";
    public static final String AUTH_JWT_PUBLIC_KEY_FILE = "gateway.auth.jwt.public-key-file";
    public static final String AUTH_JWT_JWKS_FILE = "gateway.auth.jwt.jwks-file";
    public static final String AUTH_JWT_JWKS_URL = "gateway.auth.jwt.jwks-url";
    public static final String AUTH_JWT_ALGORITHMS = "gateway.auth.jwt.algorithms";
    public static final String AUTH_JWT_ISSUER = "gateway.auth.jwt.issuer";
    public static final String AUTH_JWT_AUDIENCE = "gateway.auth.jwt.audience";
    public static final String AUTH_JWT_CLOCK_SKEW_SECONDS = "gateway.auth.jwt.clock-skew-seconds";
    public static final String AUTH_JWT_ROLES_CLAIM = "gateway.auth.jwt.roles-claim";
    static final String AUTH_JWT_JWKS_CACHE_SECONDS = "gateway.auth.jwt.jwks-cache-seconds";
    public static final String AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS =
            "gateway.auth.jwt.jwks-refresh-min-interval-seconds";
    public static final String WS_MAX_MESSAGE_BYTES = "gateway.ws.max-message-bytes";
    public static final String WS_PERMESSAGE_DEFLATE = "gateway.ws.permessage-deflate";
    public static final String WS_DEFLATE_LEVEL = "gateway.ws.deflate-level";
    public static final String OUTBOUND_MAX_QUEUED_BYTES = "gateway.outbound.max-queued-bytes";
    public static final String OUTBOUND_MAX_QUEUED_FRAMES = "gateway.outbound.max-queued-frames";
    public static final String OUTBOUND_CLOSE_TIMEOUT_MS = "gateway.outbound.close-timeout-ms";
    static final String OUTBOUND_STALL_GRACE_MS = "gateway.outbound.stall-grace-ms";
    public static final String OUTBOUND_MAX_BACKLOG_BYTES = "gateway.outbound.max-backlog-bytes";
    static final String OUTBOUND_BATCH_WAIT_MS = "gateway.outbound.batch-wait-ms";
    public static final String RESUME_TIMEOUT_MS = "gateway.resume.timeout-ms";
    public static final String KAFKA_PREFIX = "kafka.";

    /** The value of {@link #IO_THREADS} that means one I/O thread per core the JVM may use. */
    public static final int DEFAULT_IO_THREADS = 0;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ConfigTable KEYS = GatewayKeys.TABLE;

    /** Every key with its default, for {@code Settings.load}. */
    public static Map<String, String> defaults() {
        return KEYS.defaults();
    }

    /** Reads and validates the configuration; throws {@link ConfigException} naming the bad key. */
    public static GatewayConfig from(Settings settings) {
        String id = settings.string(ID).trim();
        if (id.length() > 100) {
            throw new ConfigException(ID, "longer than 100 characters");
        }
        Topics topics;
        try {
            topics = new Topics(settings.nonBlank(TOPIC_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TOPIC_PREFIX, e.getMessage());
        }
        return new GatewayConfig(
                settings.nonBlank(HOST),
                KEYS.intValue(settings, PORT),
                KEYS.intValue(settings, IO_THREADS),
                id.isEmpty() ? randomGatewayId() : id,
                AuthConfig.from(settings),
                KEYS.intValue(settings, WS_MAX_MESSAGE_BYTES),
                new OutboundConfig(
                        KEYS.longValue(settings, OUTBOUND_MAX_QUEUED_BYTES),
                        KEYS.intValue(settings, OUTBOUND_MAX_QUEUED_FRAMES),
                        Duration.ofMillis(KEYS.longValue(settings, OUTBOUND_CLOSE_TIMEOUT_MS)),
                        Duration.ofMillis(KEYS.longValue(settings, OUTBOUND_STALL_GRACE_MS)),
                        KEYS.longValue(settings, OUTBOUND_MAX_BACKLOG_BYTES),
                        Duration.ofMillis(KEYS.longValue(settings, OUTBOUND_BATCH_WAIT_MS))),
                new KafkaClientConfig(settings.nonBlank(BOOTSTRAP_SERVERS), topics, settings.withPrefix(KAFKA_PREFIX)),
                Duration.ofMillis(KEYS.longValue(settings, RESUME_TIMEOUT_MS)),
                new DeflateConfig(settings.bool(WS_PERMESSAGE_DEFLATE), KEYS.intValue(settings, WS_DEFLATE_LEVEL)),
                LimitsConfig.from(settings),
                OperationsConfig.from(settings));
    }

    /**
     * Defaults with port 0 on 127.0.0.1, anonymous access on, no handshake bucket per address (every test client
     * connects from 127.0.0.1), no connections summary, no lease, and the given broker: for tests.
     */
    public static GatewayConfig forTests(String bootstrapServers) {
        return forTests(bootstrapServers, Map.of());
    }

    /**
     * {@link #forTests(String)} with these keys set, loaded as a user's settings are (an unknown key fails), e.g.
     * {@code gateway.auth.jwt.*} or {@code kafka.max.poll.records}.
     */
    public static GatewayConfig forTests(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(defaults());
        values.put(HOST, "127.0.0.1");
        values.put(PORT, "0");
        values.put(AUTH_ANONYMOUS, "true");
        values.put(BOOTSTRAP_SERVERS, bootstrapServers);
        values.put(LimitsConfig.HANDSHAKES_BURST, "0");
        // no summaries unless a test asks: each would be a domain event, and the last one is sent at close
        values.put(OperationsConfig.CONNECTIONS_SUMMARY_INTERVAL_MS, "0");
        // no lease unless a test asks: it needs the gateways topic, which only the processor creates
        values.put(OperationsConfig.LEASE_INTERVAL_MS, "0");
        return from(Settings.load(values, Settings.PASS_THROUGH_PREFIXES, null, Map.of(), overrides));
    }

    /** {@code gw-} and 96 random bits in base64url. */
    private static String randomGatewayId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "gw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
