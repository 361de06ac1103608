package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import io.switchboard.schemas.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The gateway's whole configuration, loaded once from {@link Settings} and validated there (a bad value fails at
 * start, naming its key). Every key is listed below beside its default; the environment variable of a key is {@code
 * SWITCHBOARD_} + the key upper-cased with {@code .} and {@code -} as {@code _}.
 *
 * @param host address to bind
 * @param port port to bind; 0 lets the OS choose (see {@code SwitchboardGateway.port()})
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
        String gatewayId,
        AuthConfig auth,
        int maxMessageBytes,
        OutboundConfig outbound,
        KafkaClientConfig kafka,
        Duration resumeTimeout,
        DeflateConfig deflate,
        LimitsConfig limits,
        OperationsConfig operations) {

    /** Address to bind. Default {@code 0.0.0.0}. */
    public static final String HOST = "gateway.host";
    /** Port to bind; 0 = any free port. Default 8080. */
    public static final String PORT = "gateway.port";
    /** Gateway id (key of its replies); empty = {@code gw-} + 96 random bits. Default empty. */
    public static final String ID = "gateway.id";
    /** Prefix of every topic name ({@code <prefix>.actions}, {@code <prefix>.out.<family>}). Default switchboard. */
    public static final String TOPIC_PREFIX = "gateway.topic-prefix";
    /** Kafka bootstrap servers. Default {@code localhost:9092}. */
    public static final String BOOTSTRAP_SERVERS = "gateway.bootstrap-servers";
    /** Accept connections without credentials as anonymous. Default false ({@code dev} turns it on). */
    public static final String AUTH_ANONYMOUS = "gateway.auth.anonymous";
    /**
     * Origins a browser may open connections from, comma-separated: exact {@code scheme://host[:port]} entries
     * (compared with lowercase scheme and host, default ports made explicit) and {@code same-origin} (the Origin must
     * be the request's own scheme and Host). Empty = no check. A request without Origin (not a browser) passes;
     * {@code Origin: null} is refused. Default {@code same-origin}.
     */
    public static final String AUTH_ALLOWED_ORIGINS = "gateway.auth.allowed-origins";
    /**
     * Shared secret of HS256/384/512 tokens, used as its UTF-8 bytes: at least 32 bytes (64 with HS512). Default
     * empty (none).
     */
    public static final String AUTH_JWT_SECRET = "gateway.auth.jwt.secret";
    /** PEM file ({@code BEGIN PUBLIC KEY}) of an RSA (RS256) or EC P-256 (ES256) public key. Default empty. */
    public static final String AUTH_JWT_PUBLIC_KEY_FILE = "gateway.auth.jwt.public-key-file";
    /** JWKS file of public keys (RS256, ES256), read at start. Default empty. */
    public static final String AUTH_JWT_JWKS_FILE = "gateway.auth.jwt.jwks-file";
    /** http(s) URL of a JWKS, fetched when needed and cached. Default empty. */
    public static final String AUTH_JWT_JWKS_URL = "gateway.auth.jwt.jwks-url";
    /**
     * Accepted algorithms, comma-separated, of HS256, HS384, HS512, RS256, ES256; the token's header never decides.
     * Empty = derived from the keys: secret HS256, RSA key RS256, EC key ES256, JWKS RS256 and ES256. Default empty.
     */
    public static final String AUTH_JWT_ALGORITHMS = "gateway.auth.jwt.algorithms";
    /** Required exact {@code iss}; empty = not checked. Default empty. */
    public static final String AUTH_JWT_ISSUER = "gateway.auth.jwt.issuer";
    /** Required {@code aud} (one of the token's audiences, exact); empty = not checked. Default empty. */
    public static final String AUTH_JWT_AUDIENCE = "gateway.auth.jwt.audience";
    /** Seconds of tolerance on {@code exp} and {@code nbf}, 0 to 600; also delays the 4001 close. Default 30. */
    public static final String AUTH_JWT_CLOCK_SKEW_SECONDS = "gateway.auth.jwt.clock-skew-seconds";
    /** Claim holding the roles, an array of strings (missing = no roles). Default {@code roles}. */
    public static final String AUTH_JWT_ROLES_CLAIM = "gateway.auth.jwt.roles-claim";
    /** Seconds a JWKS fetched from the URL is used before it is fetched again, 1 to 86400. Default 300. */
    public static final String AUTH_JWT_JWKS_CACHE_SECONDS = "gateway.auth.jwt.jwks-cache-seconds";
    /**
     * Least seconds between two fetches of the JWKS URL (a token with an unknown {@code kid} asks for one), 0 to
     * 3600; 0 = no limit. Default 30.
     */
    public static final String AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS =
            "gateway.auth.jwt.jwks-refresh-min-interval-seconds";
    /** Largest inbound WebSocket message in bytes, 1 to 16 MiB; larger closes with 1009. Default 65536. */
    public static final String WS_MAX_MESSAGE_BYTES = "gateway.ws.max-message-bytes";
    /**
     * Offer the WebSocket permessage-deflate extension (RFC 7692) to clients that ask for it; clients that don't are
     * unaffected. Costs about 100 KB of memory per connection that negotiates it (docs/benchmarks.md). Default false.
     */
    public static final String WS_PERMESSAGE_DEFLATE = "gateway.ws.permessage-deflate";
    /** Level of permessage-deflate, 1 (fastest) to 9 (smallest). Default 6 (zlib's default). */
    public static final String WS_DEFLATE_LEVEL = "gateway.ws.deflate-level";
    /** Bytes queued for one connection before it is closed with 4009. Default 1048576 (1 MiB). */
    public static final String OUTBOUND_MAX_QUEUED_BYTES = "gateway.outbound.max-queued-bytes";
    /** Frames queued for one connection before it is closed with 4009. Default 1024. */
    public static final String OUTBOUND_MAX_QUEUED_FRAMES = "gateway.outbound.max-queued-frames";
    /** Milliseconds a close frame may take to leave before the socket is closed hard. Default 5000. */
    public static final String OUTBOUND_CLOSE_TIMEOUT_MS = "gateway.outbound.close-timeout-ms";
    /**
     * Milliseconds a batch of frames may wait for its socket to take it (the time the I/O thread itself was behind
     * not counted) before a connection over its queue bounds is closed with 4009, 0 to 600000; 0 = the bounds are
     * strict. Default 500.
     */
    public static final String OUTBOUND_STALL_GRACE_MS = "gateway.outbound.stall-grace-ms";
    /**
     * Bytes waiting for all connections together past which the gateway stops reading Kafka until its writers have
     * halved them: when the gateway is behind, latency grows and Kafka keeps the messages, and no client that reads is
     * closed. Default 67108864 (64 MiB).
     */
    public static final String OUTBOUND_MAX_BACKLOG_BYTES = "gateway.outbound.max-backlog-bytes";
    /**
     * Milliseconds between server pings, announced as heartbeat_ms; 0 = no pings; empty = the heartbeat profile's
     * ({@link HeartbeatConfig#INTERVAL_MS}). Default empty (production: 25000).
     */
    public static final String HEARTBEAT_INTERVAL_MS = HeartbeatConfig.INTERVAL_MS;
    /**
     * Milliseconds a {@code resume=} handshake waits for the processor to decide on its token, 1 to 600000; the
     * upgrade gets 503 when no answer comes in time (no thread waits meanwhile). Default 10000.
     */
    public static final String RESUME_TIMEOUT_MS = "gateway.resume.timeout-ms";
    /** Prefix of raw Kafka client properties passed through to every client, e.g. {@code kafka.security.protocol}. */
    public static final String KAFKA_PREFIX = "kafka.";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every key with its default, for {@code Settings.load}. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(HOST, "0.0.0.0");
        defaults.put(PORT, "8080");
        defaults.put(ID, "");
        defaults.put(TOPIC_PREFIX, Topics.DEFAULT_PREFIX);
        defaults.put(BOOTSTRAP_SERVERS, "localhost:9092");
        defaults.put(AUTH_ANONYMOUS, "false");
        defaults.put(AUTH_ALLOWED_ORIGINS, AuthConfig.SAME_ORIGIN);
        defaults.put(AUTH_JWT_SECRET, "");
        defaults.put(AUTH_JWT_PUBLIC_KEY_FILE, "");
        defaults.put(AUTH_JWT_JWKS_FILE, "");
        defaults.put(AUTH_JWT_JWKS_URL, "");
        defaults.put(AUTH_JWT_ALGORITHMS, "");
        defaults.put(AUTH_JWT_ISSUER, "");
        defaults.put(AUTH_JWT_AUDIENCE, "");
        defaults.put(AUTH_JWT_CLOCK_SKEW_SECONDS, "30");
        defaults.put(AUTH_JWT_ROLES_CLAIM, "roles");
        defaults.put(AUTH_JWT_JWKS_CACHE_SECONDS, "300");
        defaults.put(AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS, "30");
        defaults.put(WS_MAX_MESSAGE_BYTES, "65536");
        defaults.put(WS_PERMESSAGE_DEFLATE, "false");
        defaults.put(WS_DEFLATE_LEVEL, "6");
        defaults.put(OUTBOUND_MAX_QUEUED_BYTES, "1048576");
        defaults.put(OUTBOUND_MAX_QUEUED_FRAMES, "1024");
        defaults.put(OUTBOUND_CLOSE_TIMEOUT_MS, "5000");
        defaults.put(OUTBOUND_STALL_GRACE_MS, "500");
        defaults.put(OUTBOUND_MAX_BACKLOG_BYTES, Long.toString(64L * 1024 * 1024));
        defaults.put(RESUME_TIMEOUT_MS, "10000");
        defaults.putAll(LimitsConfig.defaults());
        defaults.putAll(OperationsConfig.defaults());
        return Map.copyOf(defaults);
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
                settings.integer(PORT, 0, 65535),
                id.isEmpty() ? randomGatewayId() : id,
                AuthConfig.from(settings),
                settings.integer(WS_MAX_MESSAGE_BYTES, 1, 16 * 1024 * 1024),
                new OutboundConfig(
                        settings.longValue(OUTBOUND_MAX_QUEUED_BYTES, 1, Integer.MAX_VALUE),
                        settings.integer(OUTBOUND_MAX_QUEUED_FRAMES, 1, 1_000_000),
                        Duration.ofMillis(settings.longValue(OUTBOUND_CLOSE_TIMEOUT_MS, 1, 600_000)),
                        Duration.ofMillis(settings.longValue(OUTBOUND_STALL_GRACE_MS, 0, 600_000)),
                        settings.longValue(OUTBOUND_MAX_BACKLOG_BYTES, 1, Long.MAX_VALUE)),
                new KafkaClientConfig(settings.nonBlank(BOOTSTRAP_SERVERS), topics, settings.withPrefix(KAFKA_PREFIX)),
                Duration.ofMillis(settings.longValue(RESUME_TIMEOUT_MS, 1, 600_000)),
                new DeflateConfig(settings.bool(WS_PERMESSAGE_DEFLATE), settings.integer(WS_DEFLATE_LEVEL, 1, 9)),
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

    /** {@link #forTests(String)} with these keys changed, e.g. {@code gateway.auth.jwt.*}. */
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
        values.putAll(overrides);
        return from(Settings.of(values));
    }

    /** {@code gw-} and 96 random bits in base64url. */
    public static String randomGatewayId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "gw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public GatewayConfig withPort(int newPort) {
        return with(parts -> parts.port = newPort);
    }

    public GatewayConfig withGatewayId(String newId) {
        return with(parts -> parts.gatewayId = newId);
    }

    /** This configuration with other authentication settings; checked when the gateway starts. */
    public GatewayConfig withAuth(AuthConfig newAuth) {
        return with(parts -> parts.auth = newAuth);
    }

    public GatewayConfig withAnonymousAllowed(boolean allowed) {
        return withAuth(new AuthConfig(allowed, auth.allowedOrigins(), auth.jwt()));
    }

    /** Accepts HS256 tokens signed with this secret (as {@code gateway.auth.jwt.secret} would). */
    public GatewayConfig withJwtSecret(String secret) {
        return withAuth(new AuthConfig(
                auth.anonymousAllowed(), auth.allowedOrigins(), auth.jwt().withSecret(secret)));
    }

    /** As {@code gateway.auth.allowed-origins}: exact origins or {@code same-origin}; empty = no check. */
    public GatewayConfig withAllowedOrigins(List<String> origins) {
        return withAuth(new AuthConfig(auth.anonymousAllowed(), origins, auth.jwt()));
    }

    public GatewayConfig withMaxMessageBytes(int bytes) {
        return with(parts -> parts.maxMessageBytes = bytes);
    }

    /**
     * As {@code gateway.heartbeat.interval-ms}: the timeout stays unless it would no longer exceed the interval (see
     * {@link HeartbeatConfig#withInterval}).
     */
    public GatewayConfig withHeartbeatInterval(Duration interval) {
        return withOperations(operations.withHeartbeat(operations.heartbeat().withInterval(interval)));
    }

    public GatewayConfig withOutboundLimits(long maxQueuedBytes, int maxQueuedFrames) {
        return with(parts -> parts.outbound = outbound.withQueueBounds(maxQueuedBytes, maxQueuedFrames));
    }

    public GatewayConfig withCloseTimeout(Duration timeout) {
        return with(parts -> parts.outbound = outbound.withCloseTimeout(timeout));
    }

    public GatewayConfig withResumeTimeout(Duration timeout) {
        return with(parts -> parts.resumeTimeout = timeout);
    }

    public GatewayConfig withTopicPrefix(String prefix) {
        return with(parts -> parts.kafka =
                new KafkaClientConfig(kafka.bootstrapServers(), new Topics(prefix), kafka.clientProperties()));
    }

    /** As {@code gateway.ws.permessage-deflate} and {@code gateway.ws.deflate-level}. */
    public GatewayConfig withPermessageDeflate(boolean enabled, int level) {
        return with(parts -> parts.deflate = new DeflateConfig(enabled, level));
    }

    /** This configuration with other limits ({@code gateway.limits.*}). */
    public GatewayConfig withLimits(LimitsConfig newLimits) {
        return with(parts -> parts.limits = newLimits);
    }

    /** This configuration with other heartbeats, outage bounds or drain grace. */
    public GatewayConfig withOperations(OperationsConfig newOperations) {
        return with(parts -> parts.operations = newOperations);
    }

    /** Adds a raw Kafka client property, as {@code kafka.<key>} would. */
    public GatewayConfig withKafkaProperty(String key, String value) {
        Map<String, String> props = new HashMap<>(kafka.clientProperties());
        props.put(key, value);
        return with(parts -> parts.kafka = new KafkaClientConfig(kafka.bootstrapServers(), kafka.topics(), props));
    }

    /** A copy with the components {@code change} sets: one place that lists them all, for every {@code withX}. */
    private GatewayConfig with(Consumer<Parts> change) {
        Parts parts = new Parts(this);
        change.accept(parts);
        return parts.build();
    }

    /** The components of a configuration, to change some of them. */
    private static final class Parts {
        String host;
        int port;
        String gatewayId;
        AuthConfig auth;
        int maxMessageBytes;
        OutboundConfig outbound;
        KafkaClientConfig kafka;
        Duration resumeTimeout;
        DeflateConfig deflate;
        LimitsConfig limits;
        OperationsConfig operations;

        Parts(GatewayConfig config) {
            host = config.host;
            port = config.port;
            gatewayId = config.gatewayId;
            auth = config.auth;
            maxMessageBytes = config.maxMessageBytes;
            outbound = config.outbound;
            kafka = config.kafka;
            resumeTimeout = config.resumeTimeout;
            deflate = config.deflate;
            limits = config.limits;
            operations = config.operations;
        }

        GatewayConfig build() {
            return new GatewayConfig(
                    host,
                    port,
                    gatewayId,
                    auth,
                    maxMessageBytes,
                    outbound,
                    kafka,
                    resumeTimeout,
                    deflate,
                    limits,
                    operations);
        }
    }
}
