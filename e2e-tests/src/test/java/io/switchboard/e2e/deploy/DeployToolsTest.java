package io.switchboard.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tools that will read deploy/ accept it: {@code promtool} (Debian package {@code prometheus}) checks the
 * Prometheus configuration and the alert rules, {@code haproxy -c} the load balancer's configuration. Skipped where
 * the tool is not installed.
 */
class DeployToolsTest {
    private static final DeployFiles FILES = DeployFiles.ofRepository();

    @Test
    void promtoolAcceptsThePrometheusConfigurationAndItsRules() throws Exception {
        assertThat(run("promtool", "check", "config", FILES.prometheusConfig().toString()))
                .contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        assertThat(run("promtool", "check", "rules", FILES.alertRules().toString()))
                .contains("SUCCESS");
    }

    @Test
    void haproxyAcceptsTheLoadBalancerConfiguration() throws Exception {
        // the gateways' names resolve only on the compose network: init-addr none lets the check pass without them
        assertThat(run("haproxy", "-c", "-f", FILES.haproxyConfig().toString()))
                .contains("Configuration file is valid");
    }

    /** Runs the tool (skipping the test when it is not installed) and returns its output; fails on a non-zero exit. */
    private static String run(String... command) throws IOException, InterruptedException {
        assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
