package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLayeringTest {
    private static final String SECRET_LINE = "gateway.auth.jwt.secret=" + CliRun.SECRET + "\n";

    @TempDir
    Path dir;

    @Test
    void portOptionOverridesTheConfigFile() throws IOException {
        Path file = properties("gateway.port=9000\ngateway.id=from-file\n" + SECRET_LINE);

        CliRun run = CliRun.run("gateway", "--config", file.toString(), "--port", "9100", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("gateway.port=9100", "gateway.id=from-file")
                .doesNotContain("gateway.port=9000");
    }

    @Test
    void environmentOverridesTheFileAndOptionsOverrideTheEnvironment() throws IOException {
        Path file = properties("gateway.port=9000\ngateway.id=from-file\n" + SECRET_LINE);
        Map<String, String> env = Map.of("SWITCHBOARD_GATEWAY_PORT", "9050", "SWITCHBOARD_GATEWAY_ID", "from-env");

        CliRun run = CliRun.run(env, "gateway", "--config", file.toString(), "--id", "from-option", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gateway.port=9050", "gateway.id=from-option");
    }

    @Test
    void kafkaPropertiesPassThroughFromTheFile() throws IOException {
        Path file = properties("kafka.client.rack=rack-7\n");

        CliRun run = CliRun.run("processor", "--config", file.toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("kafka.client.rack=rack-7", "processor.bootstrap-servers=localhost:9092");
    }

    @Test
    void bootstrapOptionSetsTheProcessorsBootstrapServers() {
        CliRun run = CliRun.run("processor", "--bootstrap", "kafka-1:19092", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("processor.bootstrap-servers=kafka-1:19092");
    }

    @Test
    void devPointsGatewayAndProcessorAtTheEmbeddedBrokerAndBindsLoopback() {
        CliRun run = CliRun.run("dev", "--kafka-port", "23456", "--port", "23457", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "gateway.bootstrap-servers=localhost:23456",
                        "processor.bootstrap-servers=localhost:23456",
                        "gateway.port=23457",
                        "gateway.host=127.0.0.1",
                        "gateway.auth.anonymous=true",
                        "gateway.auth.allowed-origins=\n",
                        "streams.consumer.session.timeout.ms=6000");
    }

    @Test
    void devGeneratesAHiddenJwtSecretWhenNoneIsConfigured() {
        CliRun run = CliRun.run("dev", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gateway.auth.jwt.secret=******");
    }

    @Test
    void jwtSecretOptionSetsTheGatewaysSecretWithoutPrintingIt() {
        CliRun run = CliRun.run("gateway", "--jwt-secret", CliRun.SECRET, "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("gateway.auth.jwt.secret=******", "gateway.auth.anonymous=false")
                .doesNotContain(CliRun.SECRET);
    }

    @Test
    void gatewaySecretComesFromTheEnvironment() {
        Map<String, String> env = Map.of("SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET", CliRun.SECRET);

        CliRun run = CliRun.run(env, "gateway", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gateway.auth.jwt.secret=******");
    }

    @Test
    void devHostOptionReplacesTheLoopbackDefault() {
        CliRun run = CliRun.run("dev", "--host", "0.0.0.0", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gateway.host=0.0.0.0");
    }

    @Test
    void devDataDirIsResolvedAgainstTheWorkingDirectory() {
        CliRun run = CliRun.run("dev", "--data-dir", "some/relative", "--demo", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("dev.data-dir=" + Path.of("some/relative").toAbsolutePath(), "dev.demo=true");
    }

    private Path properties(String text) throws IOException {
        return Files.writeString(dir.resolve("switchboard.properties"), text);
    }
}
