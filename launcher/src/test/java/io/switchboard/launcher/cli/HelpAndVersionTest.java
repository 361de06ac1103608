package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpAndVersionTest {
    @Test
    void versionNamesTheBuiltVersion() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("Switchboard \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"dev", "gateway", "processor"}) {
            CliRun run = CliRun.run(command, "--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: switchboard " + command, "--config", "--print-config");
        }
    }

    @Test
    void devHelpListsItsOptions() {
        CliRun run = CliRun.run("dev", "--help");

        assertThat(run.out()).contains("--port", "--kafka-port", "--data-dir", "--demo", "--host");
    }
}
