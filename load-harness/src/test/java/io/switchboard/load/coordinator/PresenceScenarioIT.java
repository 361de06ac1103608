package io.switchboard.load.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./load-test presence} at CI size: a broker, a processor, two gateways and two loader processes, real sockets,
 * 300 members of one channel and a watcher; paging must list each exactly once, before and after a short churn of
 * subscribes and unsubscribes. Runs the packaged harness (target/switchboard-load-harness.jar and target/lib, so
 * after {@code package}) and the launcher's packaged servers directly, without the switchboard script (which would
 * rebuild).
 */
class PresenceScenarioIT {
    private static final int MEMBERS = 300;

    @Test
    void pagingListsEveryMemberOfTwoLoadersAndTwoGatewaysExactlyOnce(@TempDir Path dir) throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path launcher = module.resolveSibling("launcher").resolve("target");
        Path servers = dir.resolve("switchboard");
        Files.writeString(
                servers,
                "#!/usr/bin/env bash\nexec java ${SWITCHBOARD_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp '"
                        + launcher.resolve("switchboard-launcher.jar") + ":" + launcher.resolve("lib") + "/*'"
                        + " io.switchboard.launcher.Main \"$@\"\n");
        Files.setPosixFilePermissions(servers, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = dir.resolve("run");
        String classPath = module.resolve("target/switchboard-load-harness.jar") + File.pathSeparator
                + module.resolve("target/lib") + File.separator + "*";
        Process run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        classPath,
                        PresenceTest.class.getName(),
                        "--clients=" + MEMBERS,
                        "--loaders=2",
                        "--gateways=2",
                        "--paging-runs=1",
                        "--quiet=3",
                        "--churn=4",
                        "--churn-rate=60",
                        "--no-pin",
                        "--switchboard=" + servers,
                        "--out=" + out)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("presence-test.txt").toFile())
                .start();
        boolean ended = run.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(dir.resolve("presence-test.txt"));

        assertThat(ended).as(output).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("subscribed").asInt()).isEqualTo(MEMBERS);
        List<JsonNode> paging =
                List.copyOf(report.withArray("paging").valueStream().toList());
        assertThat(paging).hasSize(2); // after the ramp, after the churn
        for (JsonNode pass : paging) {
            assertThat(pass.path("exactlyOnce").asBoolean()).as(pass.toString()).isTrue();
            assertThat(pass.path("check").path("listed").asInt()).isEqualTo(MEMBERS + 1); // and the watcher
        }
        assertThat(report.path("churnOperations").asLong()).isPositive();
        assertThat(report.path("joinLatencyChurn").path("count").asLong()).isPositive();
        assertThat(report.path("membersLost").asInt()).isZero();
    }
}
