package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.launcher.cli.SwitchboardCli;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code switchboard connect}, run in-process against a running cluster, its stdout and stderr captured. */
class ConnectCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    @Test
    void formatJsonPrintsASubscribedChannelsEventAsOneJsonLine() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream typing = new PipedOutputStream();
        CommandLine cli = cli(out, err, new PipedInputStream(typing));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread running = new Thread(() -> exit.complete(cli.execute(
                "connect",
                url(),
                "--token",
                SwitchboardCluster.token("terminal", "viewer"),
                "--subscribe",
                thread,
                "--format",
                "json")));
        running.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("subscribed to " + thread));
            CLUSTER.produceEvent(
                    thread, "{\"channel\":\"" + thread + "\",\"event\":\"comment.created\",\"data\":{\"n\":7}}");
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("\n"));

            typing.write("this is not json\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> err.toString().contains("not sent: the line is not JSON"));
        } finally {
            running.interrupt();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

        List<String> lines = Arrays.asList(out.toString().split("\\R"));
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.path("channel").asText()).isEqualTo(thread);
        assertThat(line.path("event").asText()).isEqualTo("comment.created");
        assertThat(line.path("data")).isEqualTo(JSON.readTree("{\"n\":7}"));
        assertThat(line.path("offset").isIntegralNumber()).isTrue();
        assertThat(line.path("epoch").asText()).isNotBlank();
        assertThat(line.path("ts").asLong()).isPositive();
        assertThat(line.path("replayed").asBoolean(true)).isFalse();
    }

    @Test
    void anUnreachableProxyIsAOneLineErrorAndExitCode1() throws IOException {
        int nothingListens;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = cli(out, err, new PipedInputStream(new PipedOutputStream()))
                .execute("connect", url(), "--proxy", "http://127.0.0.1:" + nothingListens, "--subscribe", "metrics");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("cannot reach the proxy 127.0.0.1:" + nothingListens);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadUrlIsAOneLineErrorAndExitCode1() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = cli(out, err, new PipedInputStream()).execute("connect", "http://127.0.0.1:1/ws");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("ws:// or wss://");
    }

    private static CommandLine cli(StringWriter out, StringWriter err, java.io.InputStream stdin) {
        CommandLine cli = SwitchboardCli.create(Map.of(), stdin);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    private static String url() {
        return "ws://127.0.0.1:" + CLUSTER.gatewayPort(0) + "/ws";
    }
}
