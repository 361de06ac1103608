package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kafka.embedded.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void badValueInTheFileExitsWith2NamingTheKeyWithoutStackTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), "gateway.port=eighty\n");

        CliRun run = CliRun.run("gateway", "--config", file.toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gateway.port").doesNotContain("\tat ");
    }

    @Test
    void badValueInTheEnvironmentExitsWith2NamingTheKey() {
        CliRun run = CliRun.run(Map.of("SWITCHBOARD_DEV_KAFKA_PORT", "70000"), "dev", "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dev.kafka-port").doesNotContain("\tat ");
    }

    @Test
    void blankBootstrapOptionExitsWith2NamingTheKey() {
        CliRun run = CliRun.run("processor", "--print-config", "--bootstrap", " ");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("processor.bootstrap-servers");
    }

    @Test
    void outOfRangePortOptionExitsWith2NamingTheKey() {
        CliRun run = CliRun.run("gateway", "--port", "70000", "--jwt-secret", CliRun.SECRET, "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gateway.port").doesNotContain("\tat ");
    }

    @Test
    void gatewayWithoutAKeyToVerifyTokensExitsWith2NamingTheSecretKey() {
        CliRun run = CliRun.run("gateway", "--port", "0", "--bootstrap", "localhost:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Invalid configuration", "gateway.auth.jwt.secret", "anonymous access is off")
                .doesNotContain("\tat ");
    }

    @Test
    void gatewayWithAShortSecretExitsWith2NamingTheKey() {
        CliRun run = CliRun.run("gateway", "--jwt-secret", "too-short", "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gateway.auth.jwt.secret", "256 bits");
    }

    @Test
    void devWithAShortSecretExitsWith2NamingTheKey() {
        CliRun run = CliRun.run("dev", "--jwt-secret", "too-short", "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gateway.auth.jwt.secret");
    }

    @Test
    void unknownKeyInTheFileExitsWith2NamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("typo.properties"), "gateway.prot=8080\n");

        CliRun run = CliRun.run("gateway", "--config", file.toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gateway.prot");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        CliRun run = CliRun.run(
                "processor", "--config", dir.resolve("absent.properties").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Configuration file not found", "absent.properties");
    }

    @Test
    void malformedOptionExitsWith2WithTheUsage() {
        CliRun run = CliRun.run("dev", "--port", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port", "Usage: switchboard dev");
    }

    @Test
    void noCommandExitsWith2ListingTheCommands() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dev", "gateway", "processor", "token", "acl", "users", "replay");
    }

    @Test
    void takenGatewayPortExitsWith1BeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            CliRun run = CliRun.run(
                    "gateway",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    port,
                    "--bootstrap",
                    "localhost:1",
                    "--jwt-secret",
                    CliRun.SECRET);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("Port " + port, "already in use", "--port");
        }
    }

    @Test
    void takenKafkaPortInDevExitsWith1NamingTheOption() throws IOException {
        try (ServerSocket taken = new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            CliRun run = CliRun.run("dev", "--kafka-port", port, "--port", String.valueOf(FreePorts.pick()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("Port " + port, "--kafka-port");
        }
    }
}
