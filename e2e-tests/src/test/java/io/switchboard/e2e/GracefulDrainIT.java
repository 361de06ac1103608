package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's drain: a gateway in its own JVM gets SIGTERM, tells its clients 1001, flushes and exits within its grace
 * period, and a drained client resumes on another gateway with everything it missed.
 */
class GracefulDrainIT {
    private static final String THREAD = "forum_threads:drain";
    private static final long GRACE_MS = 5_000;

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    @TempDir
    Path dir;

    @Test
    void aGatewayStoppedWithSigtermClosesItsClientsWith1001ExitsWithinItsGraceAndTheyResumeElsewhere()
            throws Exception {
        Path log = dir.resolve("gateway.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        GatewayDrainMain.class.getName(),
                        CLUSTER.bootstrapServers(),
                        Long.toString(GRACE_MS))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = await().atMost(Duration.ofSeconds(90))
                    .until(() -> readyPort(child, log), Optional::isPresent)
                    .orElseThrow();
            String token;
            TestClient drained = TestClient.connect(port, SwitchboardCluster.token("drained", "viewer"));
            drained.subscribe(THREAD);
            produce(0, 2);
            await().until(() -> drained.messages(THREAD).size() == 2);
            token = drained.reconnectionToken().path("token").asText();

            child.destroy(); // SIGTERM
            assertThat(drained.awaitClose()).isEqualTo(1001);
            // the bound a deployment sets (terminationGracePeriodSeconds) must hold: the grace plus JVM exit
            assertThat(child.waitFor(GRACE_MS + 5_000, TimeUnit.MILLISECONDS))
                    .as("exited within its grace period")
                    .isTrue();
            assertThat(lines(log)).anyMatch(line -> line.contains(GatewayDrainMain.STOPPED));
            assertThat(lines(log)).noneMatch(line -> line.contains("drain-incomplete"));

            produce(2, 4);
            try (TestClient resumed = TestClient.resume(CLUSTER.gatewayPort(0), token)) {
                assertThat(resumed.frames().get(0).path("resumed").asBoolean()).isTrue();
                JsonNode subscribed = resumed.awaitFrame(
                        frame -> "subscribed".equals(frame.path("type").asText())
                                && THREAD.equals(frame.path("channel").asText()));
                assertThat(subscribed.path("recovered").asBoolean()).isTrue();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> resumed.messages(THREAD).size() >= 2);
                assertThat(resumed.messages(THREAD))
                        .extracting(message -> message.path("data").path("seq").asInt())
                        .containsExactly(2, 3);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static Optional<Integer> readyPort(Process child, Path log) throws IOException {
        if (!child.isAlive()) {
            throw new IllegalStateException("the gateway exited with " + child.exitValue() + "; see " + log);
        }
        return lines(log).stream()
                .filter(line -> line.startsWith(ChildJvm.READY + " "))
                .map(line -> Integer.parseInt(
                        line.substring(ChildJvm.READY.length() + 1).trim()))
                .findFirst();
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void produce(int from, int to) {
        for (int seq = from; seq < to; seq++) {
            CLUSTER.produceEvent(THREAD, "{\"channel\":\"" + THREAD + "\",\"data\":{\"seq\":" + seq + "}}");
        }
    }
}
