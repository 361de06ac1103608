package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad arguments to {@code switchboard replay} are refused before anything connects: every run here points at a port
 * where no Kafka listens, so a command that tried to connect would fail differently (exit 1, after a timeout).
 */
class ReplayArgumentsTest {
    private static final String NO_KAFKA = "127.0.0.1:1";
    private static final String YESTERDAY = "2026-11-22T10:00:00Z";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Forum_threads:42", "forum threads", ":42", "forum_threads:", "forum_threads:a b", ""})
    void invalidChannelIsAUsageError(String channel) {
        CliRun run = replay("--channel", channel, "--from", "0");

        assertUsageError(run, "Invalid --channel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-22", "12abc", "-5"})
    void unparseableFromIsAUsageErrorSayingWhatIsAccepted(String from) {
        CliRun run = replay("--channel", "metrics", "--from", from);

        assertUsageError(run, "--from");
    }

    @Test
    void fromWithoutTimeZoneIsAUsageErrorAskingForOne() {
        CliRun run = replay("--channel", "metrics", "--from", "2026-11-22T10:00:00");

        assertUsageError(run, "--from", "has no time zone");
    }

    @Test
    void unparseableToIsAUsageError() {
        CliRun run = replay("--channel", "metrics", "--from", "0", "--to", "tomorrow");

        assertUsageError(run, "--to", "'tomorrow'");
    }

    @Test
    void fromTimeAfterToTimeIsAUsageError() {
        CliRun run = replay("--channel", "metrics", "--from", "2026-11-22T12:00:00Z", "--to", YESTERDAY);

        assertUsageError(run, "--from (2026-11-22T12:00:00Z) must be before --to (2026-11-22T10:00:00Z)");
    }

    @Test
    void sameInstantWrittenWithTwoOffsetsIsAnEmptyWindowAndAUsageError() {
        CliRun run = replay("--channel", "metrics", "--from", "2026-11-22T11:00:00+01:00", "--to", YESTERDAY);

        assertUsageError(run, "must be before --to", "exclusive");
    }

    @Test
    void fromOffsetAtOrAfterToOffsetIsAUsageError() {
        CliRun run = replay("--channel", "metrics", "--from", "500", "--to", "500");

        assertUsageError(run, "--from (offset 500) must be before --to (offset 500)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bob smith", "bob!", "Émile"})
    void userThatMakesNoValidPersonalChannelIsAUsageError(String user) {
        CliRun run = replay("--channel", "metrics", "--from", "0", "--user", user);

        assertUsageError(run, "Invalid --user", "user:" + user);
    }

    @Test
    void channelAndFromAreRequired() {
        assertUsageError(replay("--from", "0"), "--channel");
        assertUsageError(replay("--channel", "metrics"), "--from");
    }

    @Test
    void aPersonalChannelMayBeReplayedToAnotherUser() {
        CliRun run =
                replay("--channel", "user:alice", "--from", YESTERDAY, "--user", "bob@example.org", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("processor.bootstrap-servers=" + NO_KAFKA);
    }

    @Test
    void settingsComeFromTheProcessorsKeysAndHideSecrets() throws IOException {
        Path file = Files.writeString(
                dir.resolve("processor.properties"),
                "processor.bootstrap-servers=kafka-1:9093\nprocessor.topic-prefix=acme\n"
                        + "kafka.security.protocol=SASL_SSL\nkafka.sasl.jaas.config=secret-stuff\n");

        CliRun run = CliRun.run(
                "replay", "--channel", "metrics", "--from", "0", "--config", file.toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "processor.bootstrap-servers=kafka-1:9093",
                        "processor.topic-prefix=acme",
                        "kafka.security.protocol=SASL_SSL",
                        "kafka.sasl.jaas.config=******")
                .doesNotContain("secret-stuff");
    }

    @Test
    void invalidTopicPrefixIsAUsageErrorNamingTheKey() {
        CliRun run = replay("--channel", "metrics", "--from", "0", "--topic-prefix", "no spaces");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("processor.topic-prefix");
    }

    private static CliRun replay(String... args) {
        List<String> full = new ArrayList<>(List.of("replay"));
        full.addAll(List.of(args));
        full.addAll(List.of("--bootstrap", NO_KAFKA));
        return CliRun.run(full.toArray(String[]::new));
    }

    private static void assertUsageError(CliRun run, String... messages) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err())
                .contains(messages)
                .contains("Usage: switchboard replay", "Try 'switchboard replay --help'")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }
}
