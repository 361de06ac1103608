package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code switchboard connect}'s arguments, checked before any connection is tried. */
class ConnectArgumentsTest {
    @Test
    void helpNamesEveryOption() {
        CliRun run = CliRun.run("connect", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: switchboard connect", "URL", "--token", "--subscribe", "--format", "--verbose")
                .contains("--log-file", "--proxy", "pretty", "json", "compact")
                .contains("--presence", "--ack", "receipts");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.run("connect", "ws://127.0.0.1:1/ws", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format", "yaml");
    }

    @Test
    void theFormatIsCaseInsensitive() {
        CliRun run = CliRun.run("connect", "http://127.0.0.1:1/ws", "--format", "JSON");

        assertThat(run.exitCode()).as("past parsing, refused for its URL").isEqualTo(1);
    }

    @Test
    void aUrlThatIsNotWebSocketOrABadProxyFailsAtOnceWithOneLine() {
        CliRun badUrl = CliRun.run("connect", "localhost:8080");
        CliRun badProxy = CliRun.run("connect", "ws://127.0.0.1:1/ws", "--proxy", "socks5://127.0.0.1:1080");

        assertThat(badUrl.exitCode()).isEqualTo(1);
        assertThat(badUrl.err().strip()).contains("ws:// or wss://").doesNotContain("\n");
        assertThat(badProxy.exitCode()).isEqualTo(1);
        assertThat(badProxy.err().strip()).contains("http://host:port").doesNotContain("\n");
    }

    @Test
    void anUnreachableGatewayOnTheFirstConnectIsOneLineAndExit1() {
        CliRun run = CliRun.run("connect", "ws://127.0.0.1:1/ws");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .contains("cannot reach the gateway ws://127.0.0.1:1/ws")
                .doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }
}
