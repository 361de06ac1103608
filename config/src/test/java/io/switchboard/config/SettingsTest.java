package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final Map<String, String> DEFAULTS = Map.of(
            "gateway.port", "8080",
            "gateway.ws.max-message-bytes", "65536",
            "gateway.auth.jwt-secret", "",
            "gateway.auth.anonymous", "true");
    private static final Set<String> PASS_THROUGH = Set.of("kafka.");

    @Test
    void layersDefaultsFileEnvironmentAndOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, "gateway.port=9000\ngateway.ws.max-message-bytes=1000\nkafka.linger.ms=5\n");
        Map<String, String> env = Map.of(
                "SWITCHBOARD_GATEWAY_WS_MAX_MESSAGE_BYTES", "2000",
                "SWITCHBOARD_KAFKA_SECURITY_PROTOCOL", "SSL",
                "PATH", "/usr/bin");

        Settings settings = Settings.load(DEFAULTS, PASS_THROUGH, file, env, Map.of("gateway.port", "9100"));

        assertThat(settings.integer("gateway.port", 0, 65535)).isEqualTo(9100);
        assertThat(settings.integer("gateway.ws.max-message-bytes", 1, Integer.MAX_VALUE))
                .isEqualTo(2000);
        assertThat(settings.bool("gateway.auth.anonymous")).isTrue();
        assertThat(settings.withPrefix("kafka."))
                .containsExactlyInAnyOrderEntriesOf(Map.of("linger.ms", "5", "security.protocol", "SSL"));
    }

    @Test
    void failsOnAnUnknownKeyNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, "gateway.prot=9000\n");

        assertThatThrownBy(() -> Settings.load(DEFAULTS, PASS_THROUGH, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'gateway.prot'")
                .hasMessageContaining("unknown key");
    }

    @Test
    void typedGettersNameTheKeyAndTheProblem() {
        Settings settings = Settings.of(Map.of("a.port", "eighty", "a.size", "-1", "a.flag", "yes"));

        assertThatThrownBy(() -> settings.integer("a.port", 0, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'a.port'")
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> settings.integer("a.size", 0, 10))
                .hasMessageContaining("'a.size'")
                .hasMessageContaining("outside [0, 10]");
        assertThatThrownBy(() -> settings.bool("a.flag")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> settings.string("a.missing")).hasMessageContaining("missing");
    }

    @Test
    void hidesSecretsWhenDescribed() {
        Settings settings = Settings.of(Map.of("gateway.auth.jwt-secret", "s3cr3t", "gateway.port", "8080"));

        assertThat(settings.describe()).contains("gateway.port=8080").doesNotContain("s3cr3t");
        assertThat(settings.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void mapsKeysToEnvironmentNames() {
        assertThat(Settings.envName("gateway.ws.max-message-bytes"))
                .isEqualTo("SWITCHBOARD_GATEWAY_WS_MAX_MESSAGE_BYTES");
    }

    @Test
    void splitsLists() {
        assertThat(Settings.of(Map.of("l", " a, b,,c ")).list("l")).containsExactly("a", "b", "c");
    }
}
