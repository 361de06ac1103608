package io.switchboard.gateway.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import io.switchboard.schemas.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's whole configuration, loaded once from {@link Settings} and validated there (a bad value fails at
 * start, naming its key). Every key is listed below beside its default; the environment variable of a key is {@code
 * SWITCHBOARD_} + the key upper-cased with {@code .} and {@code -} as {@code _}.
 *
 * @param host address to bind
 * @param port port to bind; 0 lets the OS choose (see {@code SwitchboardGateway.port()})
 * @param gatewayId this gateway's id: the key of its replies on the replies topic
 * @param anonymousAllowed whether connections without credentials are accepted as anonymous
 * @param maxMessageBytes largest inbound message (all fragments of it); a larger one closes with 1009
 * @param heartbeatInterval interval of server WebSocket pings, announced as {@code heartbeat_ms}; zero sends none
 * @param outbound per-connection outbound queue bounds
 * @param kafka how to reach Kafka
 */
public record GatewayConfig(
        String host,
        int port,
        String gatewayId,
        boolean anonymousAllowed,
        int maxMessageBytes,
        Duration heartbeatInterval,
        OutboundConfig outbound,
        KafkaClientConfig kafka) {

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
    /** Accept connections without credentials as anonymous. Default true (JWT comes later). */
    public static final String AUTH_ANONYMOUS = "gateway.auth.anonymous";
    /** Largest inbound WebSocket message in bytes, 1 to 16 MiB; larger closes with 1009. Default 65536. */
    public static final String WS_MAX_MESSAGE_BYTES = "gateway.ws.max-message-bytes";
    /** Bytes queued for one connection before it is closed with 4009. Default 1048576 (1 MiB). */
    public static final String OUTBOUND_MAX_QUEUED_BYTES = "gateway.outbound.max-queued-bytes";
    /** Frames queued for one connection before it is closed with 4009. Default 1024. */
    public static final String OUTBOUND_MAX_QUEUED_FRAMES = "gateway.outbound.max-queued-frames";
    /** Milliseconds a close frame may take to leave before the socket is closed hard. Default 5000. */
    public static final String OUTBOUND_CLOSE_TIMEOUT_MS = "gateway.outbound.close-timeout-ms";
    /** Milliseconds between server pings, announced as heartbeat_ms; 0 = no pings. Default 25000. */
    public static final String HEARTBEAT_INTERVAL_MS = "gateway.heartbeat.interval-ms";
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
        defaults.put(AUTH_ANONYMOUS, "true");
        defaults.put(WS_MAX_MESSAGE_BYTES, "65536");
        defaults.put(OUTBOUND_MAX_QUEUED_BYTES, "1048576");
        defaults.put(OUTBOUND_MAX_QUEUED_FRAMES, "1024");
        defaults.put(OUTBOUND_CLOSE_TIMEOUT_MS, "5000");
        defaults.put(HEARTBEAT_INTERVAL_MS, "25000");
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
                settings.bool(AUTH_ANONYMOUS),
                settings.integer(WS_MAX_MESSAGE_BYTES, 1, 16 * 1024 * 1024),
                Duration.ofMillis(settings.longValue(HEARTBEAT_INTERVAL_MS, 0, 3_600_000)),
                new OutboundConfig(
                        settings.longValue(OUTBOUND_MAX_QUEUED_BYTES, 1, Integer.MAX_VALUE),
                        settings.integer(OUTBOUND_MAX_QUEUED_FRAMES, 1, 1_000_000),
                        Duration.ofMillis(settings.longValue(OUTBOUND_CLOSE_TIMEOUT_MS, 1, 600_000))),
                new KafkaClientConfig(settings.nonBlank(BOOTSTRAP_SERVERS), topics, settings.withPrefix(KAFKA_PREFIX)));
    }

    /** Defaults with port 0 on 127.0.0.1, anonymous access on, and the given broker: for tests. */
    public static GatewayConfig forTests(String bootstrapServers) {
        Map<String, String> values = new HashMap<>(defaults());
        values.put(HOST, "127.0.0.1");
        values.put(PORT, "0");
        values.put(AUTH_ANONYMOUS, "true");
        values.put(BOOTSTRAP_SERVERS, bootstrapServers);
        return from(Settings.of(values));
    }

    /** {@code gw-} and 96 random bits in base64url. */
    public static String randomGatewayId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "gw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(
                host, newPort, gatewayId, anonymousAllowed, maxMessageBytes, heartbeatInterval, outbound, kafka);
    }

    public GatewayConfig withGatewayId(String newId) {
        return new GatewayConfig(
                host, port, newId, anonymousAllowed, maxMessageBytes, heartbeatInterval, outbound, kafka);
    }

    public GatewayConfig withAnonymousAllowed(boolean allowed) {
        return new GatewayConfig(host, port, gatewayId, allowed, maxMessageBytes, heartbeatInterval, outbound, kafka);
    }

    public GatewayConfig withMaxMessageBytes(int bytes) {
        return new GatewayConfig(host, port, gatewayId, anonymousAllowed, bytes, heartbeatInterval, outbound, kafka);
    }

    public GatewayConfig withHeartbeatInterval(Duration interval) {
        return new GatewayConfig(host, port, gatewayId, anonymousAllowed, maxMessageBytes, interval, outbound, kafka);
    }

    public GatewayConfig withOutboundLimits(long maxQueuedBytes, int maxQueuedFrames) {
        OutboundConfig limits = new OutboundConfig(maxQueuedBytes, maxQueuedFrames, outbound.closeTimeout());
        return new GatewayConfig(
                host, port, gatewayId, anonymousAllowed, maxMessageBytes, heartbeatInterval, limits, kafka);
    }

    public GatewayConfig withCloseTimeout(Duration timeout) {
        OutboundConfig limits = new OutboundConfig(outbound.maxQueuedBytes(), outbound.maxQueuedFrames(), timeout);
        return new GatewayConfig(
                host, port, gatewayId, anonymousAllowed, maxMessageBytes, heartbeatInterval, limits, kafka);
    }

    public GatewayConfig withTopicPrefix(String prefix) {
        KafkaClientConfig newKafka =
                new KafkaClientConfig(kafka.bootstrapServers(), new Topics(prefix), kafka.clientProperties());
        return new GatewayConfig(
                host, port, gatewayId, anonymousAllowed, maxMessageBytes, heartbeatInterval, outbound, newKafka);
    }

    /** Adds a raw Kafka client property, as {@code kafka.<key>} would. */
    public GatewayConfig withKafkaProperty(String key, String value) {
        Map<String, String> props = new HashMap<>(kafka.clientProperties());
        props.put(key, value);
        KafkaClientConfig newKafka = new KafkaClientConfig(kafka.bootstrapServers(), kafka.topics(), props);
        return new GatewayConfig(
                host, port, gatewayId, anonymousAllowed, maxMessageBytes, heartbeatInterval, outbound, newKafka);
    }
}
