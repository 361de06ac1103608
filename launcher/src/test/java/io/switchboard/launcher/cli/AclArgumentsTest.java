package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad arguments to {@code switchboard acl} are refused before anything connects ({@link CliRun#withoutKafka}).
 */
class AclArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void grantWithoutSubscribeOrPublishIsAUsageError() {
        CliRun run = acl("grant", "--family", "metrics", "--role", "bot");

        assertUsageError(run, "--subscribe, --publish or both");
    }

    @Test
    void revokeWithoutSubscribeOrPublishIsAUsageError() {
        CliRun run = acl("revoke", "--family", "metrics", "--role", "viewer");

        assertUsageError(run, "--subscribe, --publish or both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "user:*"})
    void personalFamilyIsRefusedBecauseItsRuleIsBuiltIn(String family) {
        CliRun run = acl("grant", "--family", family, "--role", "viewer", "--subscribe");

        assertUsageError(run, "Invalid --family", "personal family 'user'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Metrics", "forum_threads:42", "forum threads", "a:b:*", ":*", "*"})
    void familyPatternThatIsNotFamilyOrFamilyStarIsAUsageError(String family) {
        CliRun run = acl("revoke", "--family", family, "--role", "viewer", "--publish");

        assertUsageError(run, "Invalid --family");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Admin", "", "ops team", "role:x"})
    void roleThatIsNotARoleNameIsAUsageError(String role) {
        CliRun run = acl("grant", "--family", "metrics", "--role", role, "--subscribe");

        assertUsageError(run, "Invalid --role");
    }

    @Test
    void blankByIsAUsageError() {
        CliRun run = acl("grant", "--family", "metrics", "--role", "bot", "--publish", "--by", " ");

        assertUsageError(run, "--by");
    }

    @Test
    void partitionsOutsideTheRangeIsAUsageError() {
        CliRun run = acl("grant", "--family", "quotes", "--role", "bot", "--publish", "--partitions", "0");

        assertUsageError(run, "--partitions");
    }

    @Test
    void familyIsRequired() {
        CliRun run = acl("remove");

        assertUsageError(run, "--family");
    }

    @Test
    void aclWithoutACommandListsItsCommands() {
        CliRun run = CliRun.run("acl");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("list", "grant", "revoke", "remove");
    }

    @Test
    void invalidTopicPrefixIsAUsageErrorNamingTheKey() {
        CliRun run = acl("list", "--topic-prefix", "no spaces");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("processor.topic-prefix");
    }

    @Test
    void settingsComeFromTheProcessorsKeysAndHideSecrets() throws IOException {
        Path file = Files.writeString(
                dir.resolve("processor.properties"),
                "processor.bootstrap-servers=kafka-1:9093\nprocessor.topic-prefix=acme\n"
                        + "processor.commit-interval-ms=50\nkafka.security.protocol=SASL_SSL\n"
                        + "kafka.sasl.jaas.config=secret-stuff\n");

        CliRun run = CliRun.run("acl", "list", "--config", file.toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "processor.bootstrap-servers=kafka-1:9093",
                        "processor.topic-prefix=acme",
                        "kafka.security.protocol=SASL_SSL",
                        "kafka.sasl.jaas.config=******")
                .doesNotContain("secret-stuff", "commit-interval");
    }

    @Test
    void optionsWinOverTheEnvironment() {
        CliRun run = CliRun.run(
                Map.of("SWITCHBOARD_PROCESSOR_BOOTSTRAP_SERVERS", "from-env:9092"),
                "acl",
                "list",
                "--bootstrap",
                "from-option:9092",
                "--topic-prefix",
                "other",
                "--print-config");

        assertThat(run.out()).contains("processor.bootstrap-servers=from-option:9092", "processor.topic-prefix=other");
    }

    private static CliRun acl(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "acl";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliRun.withoutKafka(full);
    }

    private static void assertUsageError(CliRun run, String... messages) {
        run.assertUsageError(messages);
    }
}
