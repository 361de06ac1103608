package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad arguments to {@code switchboard users} are refused before anything connects ({@link CliRun#withoutKafka});
 * good ones pass the checks, which {@code --print-config} shows without connecting either.
 */
class UsersArgumentsTest {
    @ParameterizedTest
    @ValueSource(strings = {"bob smith", "ève", "a/b", "x*"})
    void setForAUserIdThatMakesNoPersonalChannelIsAUsageError(String user) {
        CliRun run = users("set", user, "--roles", "admin");

        run.assertUsageError("Invalid user id", "makes no valid personal channel");
    }

    @Test
    void setForAUserIdLongerThanAChannelAllowsIsAUsageError() {
        CliRun run = users("set", "a".repeat(196), "--roles", "admin");

        run.assertUsageError("Invalid user id", "longer than 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin,,viewer", "admin,", " ,viewer"})
    void setWithABlankRoleNameIsAUsageError(String roles) {
        CliRun run = users("set", "alice", "--roles", roles);

        run.assertUsageError("Invalid --roles", "must not be blank");
    }

    @Test
    void setWithoutRolesIsAUsageError() {
        CliRun run = users("set", "alice");

        run.assertUsageError("--roles");
    }

    @Test
    void setWithABlankByIsAUsageError() {
        CliRun run = users("set", "alice", "--roles", "admin", "--by", " ");

        run.assertUsageError("Invalid --by");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001"})
    void partitionsOutsideTheRangeIsAUsageError(String partitions) {
        CliRun set = users("set", "alice", "--roles", "admin", "--partitions", partitions);
        CliRun remove = users("remove", "alice", "--partitions", partitions);

        set.assertUsageError("Invalid --partitions");
        remove.assertUsageError("Invalid --partitions");
    }

    @Test
    void theUserIsRequired() {
        CliRun set = users("set", "--roles", "admin");
        CliRun remove = users("remove");

        set.assertUsageError("Missing required parameter: 'USER'");
        remove.assertUsageError("Missing required parameter: 'USER'");
    }

    @Test
    void removeOfABlankUserIsAUsageError() {
        CliRun run = users("remove", " ");

        run.assertUsageError("Invalid user id");
    }

    @Test
    void listWithABlankRoleIsAUsageError() {
        CliRun run = users("list", "--role", " ");

        run.assertUsageError("Invalid --role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "admin, viewer"})
    void setAcceptsEmptyAndCommaSeparatedRoles(String roles) {
        CliRun run = users("set", "alice@example.com", "--roles", roles, "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("processor.bootstrap-servers=" + CliRun.NO_KAFKA);
    }

    @Test
    void usersWithoutACommandListsItsCommands() {
        CliRun run = CliRun.run("users");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command: choose list, set or remove.");
    }

    @Test
    void oneConfigurationServesTheProcessorAndTheUsersCommand() {
        CliRun run = CliRun.run(
                Map.of(
                        "SWITCHBOARD_PROCESSOR_BOOTSTRAP_SERVERS", "from-env:9092",
                        "SWITCHBOARD_PROCESSOR_TOPICS_REPLICATION_FACTOR", "3"),
                "users",
                "list",
                "--topic-prefix",
                "acme",
                "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "processor.bootstrap-servers=from-env:9092",
                        "processor.topic-prefix=acme",
                        "processor.topics.replication-factor=3");
    }

    private static CliRun users(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "users";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliRun.withoutKafka(full);
    }
}
