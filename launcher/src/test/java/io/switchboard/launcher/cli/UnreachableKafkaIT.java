package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kafka.embedded.FreePorts;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kafka client commands pointed at a port where no Kafka listens: each fails after its 30 s bound with one line
 * naming the address, no stack trace and nothing on stdout. Each command waits out the whole bound, so the three run
 * side by side: one bound for the class instead of one per command.
 */
@Timeout(90)
class UnreachableKafkaIT {
    @Test
    void everyKafkaClientCommandFailsWithinTheBoundWithOneLineNamingTheAddress() {
        String users = "127.0.0.1:" + FreePorts.pick();
        String acl = "127.0.0.1:" + FreePorts.pick();
        String replay = "127.0.0.1:" + FreePorts.pick();

        List<CompletableFuture<CliRun>> runs = List.of(
                inBackground(() -> CliRun.run("users", "set", "alice", "--roles", "admin", "--bootstrap", users)),
                inBackground(() -> CliRun.run("acl", "list", "--bootstrap", acl)),
                inBackground(() ->
                        CliRun.run("replay", "--channel", "forum_threads:42", "--from", "0", "--bootstrap", replay)));

        assertFailsNamingTheAddress(runs.get(0).join(), "switchboard users set:", users, "did not answer within 30 s");
        assertFailsNamingTheAddress(runs.get(1).join(), "switchboard acl list:", acl, "did not answer");
        assertFailsNamingTheAddress(runs.get(2).join(), "switchboard replay:", replay, "did not answer within 30 s");
    }

    private static CompletableFuture<CliRun> inBackground(Supplier<CliRun> run) {
        // a thread each: the common pool may have a single thread on a two-core machine
        return CompletableFuture.supplyAsync(run, command -> new Thread(command, "unreachable-kafka-run").start());
    }

    private static void assertFailsNamingTheAddress(CliRun run, String command, String address, String reason) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(command, address, reason).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }
}
