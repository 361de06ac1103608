package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    /** 32 bytes: the least an HS256 secret may be. */
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void documentsEveryKeyOnceWithADefaultInsideItsOwnRange() {
        assertThat(GatewayKeys.TABLE.keys())
                .allSatisfy(key -> assertThat(key.doc()).isNotBlank());
        assertThat(GatewayConfig.defaults()).hasSameSizeAs(GatewayKeys.TABLE.keys());
        assertThat(GatewayKeys.TABLE.markdownTable())
                .contains("| `gateway.ws.max-message-bytes` | `65536` | 1 to 16777216 |")
                .contains("| `gateway.limits.messages.ping.burst` | `120` | 0 to 1000000 |");
        GatewayKeys.TABLE.checkDefaults();
    }

    @Test
    void hasTheDocumentedDefaults() {
        GatewayConfig config = load(Map.of());

        assertThat(config.auth().anonymousAllowed()).isFalse();
        assertThat(config.auth().allowedOrigins()).containsExactly("same-origin");
        assertThat(config.auth().jwt().algorithms()).isEmpty();
        assertThat(config.auth().jwt().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.auth().jwt().rolesClaim()).isEqualTo("roles");
        assertThat(config.auth().jwt().jwksCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.auth().jwt().jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.auth().jwt().issuer()).isEmpty();
        assertThat(config.auth().jwt().audience()).isEmpty();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.gatewayId()).matches("gw-[A-Za-z0-9_-]{16}");
        assertThat(config.maxMessageBytes()).isEqualTo(65536);
        assertThat(config.operations()).isEqualTo(OperationsConfig.defaultsOnly());
        assertThat(config.operations().heartbeat())
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.PRODUCTION, Duration.ofSeconds(25), Duration.ofSeconds(75)));
        assertThat(config.outbound())
                .isEqualTo(new OutboundConfig(
                        1024 * 1024,
                        1024,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(500),
                        64L * 1024 * 1024,
                        Duration.ofMillis(20)));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().topics().actions()).isEqualTo("switchboard.actions");
        assertThat(config.resumeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.deflate()).isEqualTo(new DeflateConfig(false, 6));
    }

    @Test
    void readsThePermessageDeflateOption() {
        GatewayConfig config = load(Map.of("gateway.ws.permessage-deflate", "true", "gateway.ws.deflate-level", "1"));

        assertThat(config.deflate()).isEqualTo(new DeflateConfig(true, 1));
    }

    @Test
    void refusesADeflateLevelOutsideOneToNineNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("gateway.ws.deflate-level", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.ws.deflate-level");
        assertThatThrownBy(() -> load(Map.of("gateway.ws.deflate-level", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.ws.deflate-level");
        assertThatThrownBy(() -> load(Map.of("gateway.ws.permessage-deflate", "yes please")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.ws.permessage-deflate");
    }

    @Test
    void readsEveryKeyAndPassesKafkaPropertiesThrough() {
        GatewayConfig config = load(Map.of(
                "gateway.id", "gw-7",
                "gateway.port", "0",
                "gateway.topic-prefix", "acme",
                "gateway.ws.max-message-bytes", "1000",
                "gateway.outbound.max-queued-frames", "5",
                "gateway.resume.timeout-ms", "2500",
                "kafka.security.protocol", "SASL_SSL"));

        assertThat(config.gatewayId()).isEqualTo("gw-7");
        assertThat(config.port()).isZero();
        assertThat(config.kafka().topics().output("metrics")).isEqualTo("acme.out.metrics");
        assertThat(config.maxMessageBytes()).isEqualTo(1000);
        assertThat(config.outbound().maxQueuedFrames()).isEqualTo(5);
        assertThat(config.resumeTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void namesTheKeyOfABadValue() {
        assertThatThrownBy(() -> load(Map.of("gateway.ws.max-message-bytes", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.ws.max-message-bytes");
        assertThatThrownBy(() -> load(Map.of("gateway.auth.anonymous", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.auth.anonymous");
        assertThatThrownBy(() -> load(Map.of("gateway.resume.timeout-ms", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.resume.timeout-ms");
        assertThatThrownBy(() -> load(Map.of("gateway.topic-prefix", "bad prefix")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.topic-prefix");
        assertThatThrownBy(() -> load(Map.of("gateway.drain.grace-ms", "2000", "gateway.drain.delay-ms", "2000")))
                .as("a delay that leaves no time to close the clients")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.drain.delay-ms");
    }

    @Test
    void loadsTheOperationsKeysFromTheSettings() {
        GatewayConfig config = load(Map.of(
                "gateway.heartbeat.profile", "staging",
                "gateway.heartbeat.timeout-ms", "60000",
                "gateway.kafka.unreachable-after-ms", "2000",
                "gateway.kafka.max-pending-actions", "50",
                "gateway.kafka.max-pending-bytes", "4096",
                "gateway.drain.grace-ms", "3000",
                "gateway.drain.delay-ms", "1000",
                "gateway.connections-summary.interval-ms", "0",
                "gateway.lease.interval-ms", "1000",
                "gateway.lease.ttl-ms", "2000"));

        assertThat(config.operations())
                .isEqualTo(new OperationsConfig(
                        new HeartbeatConfig(HeartbeatProfile.STAGING, Duration.ofSeconds(30), Duration.ofSeconds(60)),
                        new OutageConfig(Duration.ofSeconds(2), 50, 4096),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(1),
                        Duration.ZERO,
                        new LeaseConfig(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        assertThat(load(Map.of("gateway.heartbeat.interval-ms", "10000"))
                        .operations()
                        .heartbeat()
                        .interval())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void testConfigurationsWriteNoLeaseUnlessATestAsks() {
        assertThat(GatewayConfig.forTests("127.0.0.1:1").operations().lease().enabled())
                .isFalse();
        assertThat(GatewayConfig.forTests("127.0.0.1:1", Map.of("gateway.lease.interval-ms", "100"))
                        .operations()
                        .lease())
                .isEqualTo(new LeaseConfig(Duration.ofMillis(100), Duration.ofSeconds(20)));
    }

    @Test
    void refusesABadOperationsValueNamingItsKey() {
        assertThatThrownBy(() -> load(Map.of("gateway.drain.grace-ms", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.drain.grace-ms");
        assertThatThrownBy(() -> load(Map.of("gateway.heartbeat.profile", "prod")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.heartbeat.profile");
        assertThatThrownBy(() -> load(Map.of("gateway.kafka.max-pending-actions", "none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.kafka.max-pending-actions");
        assertThatThrownBy(() -> load(Map.of("gateway.heartbeat.timeout", "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.heartbeat.timeout");
    }

    @Test
    void aHeartbeatIntervalAloneKeepsTheProfileTimeoutWhileItStillExceedsIt() {
        GatewayConfig config = GatewayConfig.forTests("127.0.0.1:1234", Map.of(HeartbeatConfig.INTERVAL_MS, "100"));

        assertThat(config.operations().heartbeat())
                .isEqualTo(new HeartbeatConfig(
                        HeartbeatProfile.PRODUCTION, Duration.ofMillis(100), Duration.ofSeconds(75)));
        assertThatThrownBy(
                        () -> GatewayConfig.forTests("127.0.0.1:1234", Map.of(HeartbeatConfig.INTERVAL_MS, "100000")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo(HeartbeatConfig.TIMEOUT_MS));
    }

    @Test
    void hidesSecretsWhenPrinted() {
        GatewayConfig config = load(Map.of(
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule password=\"p4ss\";",
                "kafka.ssl.key.password", "k3y"));

        assertThat(config.toString())
                .doesNotContain("p4ss")
                .doesNotContain("k3y")
                .contains("sasl.jaas.config=******");
    }

    @Test
    void tunesLimitsForTests() {
        GatewayConfig config = GatewayConfig.forTests(
                "127.0.0.1:1234",
                Map.of(
                        GatewayConfig.WS_MAX_MESSAGE_BYTES, "100",
                        GatewayConfig.OUTBOUND_MAX_QUEUED_BYTES, "2000",
                        GatewayConfig.OUTBOUND_MAX_QUEUED_FRAMES, "3",
                        GatewayConfig.OUTBOUND_CLOSE_TIMEOUT_MS, "50"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:1234");
        assertThat(config.maxMessageBytes()).isEqualTo(100);
        assertThat(config.outbound())
                .isEqualTo(new OutboundConfig(
                        2000,
                        3,
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        64L * 1024 * 1024,
                        Duration.ofMillis(20)));
    }

    /** The defaults plus a JWT secret (without anonymous access, a key is required) and these overrides. */
    private static GatewayConfig load(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET));
        values.putAll(overrides);
        return loadExactly(values);
    }

    private static GatewayConfig loadExactly(Map<String, String> overrides) {
        return GatewayConfig.from(Settings.load(
                GatewayConfig.defaults(), Set.of("kafka."), (Path) null, Map.of(), new HashMap<>(overrides)));
    }
}
