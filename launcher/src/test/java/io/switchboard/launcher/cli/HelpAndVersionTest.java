package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {
    @Test
    void versionNamesTheBuiltVersion() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("Switchboard \\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev",
                "gateway",
                "processor",
                "token",
                "acl list",
                "acl grant",
                "acl revoke",
                "acl remove",
                "users list",
                "users set",
                "users remove",
                "replay"
            })
    void everyCommandHasHelpWithTheConfigurationOptions(String command) {
        String[] words = command.split(" ");
        String[] args = Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";

        CliRun run = CliRun.run(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: switchboard " + command, "--config", "--print-config");
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        CliRun run = CliRun.run("--help");

        assertThat(run.out())
                .containsPattern("(?m)^\\s+dev\\s")
                .contains("gateway", "processor", "token", "acl", "users")
                .containsPattern("(?m)^\\s+replay\\s");
    }

    @Test
    void aclHelpListsItsCommands() {
        CliRun run = CliRun.run("acl", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outFlat()).contains("list", "grant", "revoke", "remove", "switchboard.acl");
    }

    @Test
    void usersHelpListsItsCommandsAndTheTopic() {
        CliRun run = CliRun.run("users", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outFlat()).contains("list", "set", "remove", "switchboard.users", "latest writer wins");
    }

    @Test
    void usersSetHelpStatesItsOptionsAndDefaults() {
        CliRun run = CliRun.run("users", "set", "--help");

        assertThat(run.outFlat())
                .contains("USER", "--roles", "--by", "--dry-run", "--partitions", "--bootstrap", "--topic-prefix")
                .contains("default localhost:9092", "default switchboard", "default 3", "--roles ''");
    }

    @Test
    void replayHelpStatesItsOptionsAndDefaults() {
        CliRun run = CliRun.run("replay", "--help");

        assertThat(run.outFlat())
                .contains("--channel", "--from", "--to", "--user", "--dry-run", "--bootstrap", "--topic-prefix")
                .contains("replayed: true", "user:<ID>", "exclusive", "2026-11-22T10:00:00Z")
                .contains("default localhost:9092", "default switchboard");
    }

    @Test
    void devHelpListsItsOptions() {
        CliRun run = CliRun.run("dev", "--help");

        assertThat(run.out()).contains("--port", "--kafka-port", "--data-dir", "--demo", "--host", "--jwt-secret");
    }

    @Test
    void gatewayHelpSaysHowToSetASecret() {
        CliRun run = CliRun.run("gateway", "--help");

        assertThat(run.outFlat())
                .contains("--jwt-secret", "SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET", "gateway.auth.jwt.public-key-file");
    }

    @Test
    void tokenHelpStatesItsDefaults() {
        CliRun run = CliRun.run("token", "--help");

        assertThat(run.outFlat())
                .contains("--user", "--roles", "--ttl", "default 1h", "--secret", "gateway.auth.jwt.secret");
    }

    @Test
    void aclGrantHelpStatesItsDefaults() {
        CliRun run = CliRun.run("acl", "grant", "--help");

        assertThat(run.outFlat())
                .contains("--family", "--role", "--subscribe", "--publish", "--dry-run", "--by", "--bootstrap")
                .contains("default localhost:9092", "default switchboard", "default 3");
    }
}
