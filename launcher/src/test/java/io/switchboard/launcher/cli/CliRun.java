package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One run of the switchboard command line with captured output. */
record CliRun(int exitCode, String out, String err) {
    /** A JWT secret long enough for HS256 (32 bytes or more), for commands that need one. */
    static final String SECRET = "launcher-tests-secret-0123456789abcdef";

    /** A bootstrap address where no Kafka listens. */
    static final String NO_KAFKA = "127.0.0.1:1";

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SwitchboardCli.create(env);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The standard output with every run of whitespace as one space: help text, whatever its wrapping. */
    String outFlat() {
        return out.replaceAll("\\s+", " ");
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * A run of a Kafka client command pointed at a port where no Kafka listens: a command that tried to connect would
     * fail differently (exit 1, after a timeout), so a quick exit 2 shows that it checked its arguments first.
     */
    static CliRun withoutKafka(String... args) {
        String[] full = Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--bootstrap";
        full[args.length + 1] = NO_KAFKA;
        return run(full);
    }

    /** A run of {@code command args…} against the broker at {@code bootstrapServers}, with the topics of {@code topics}. */
    static CliRun onKafka(String bootstrapServers, Topics topics, String command, String... args) {
        List<String> full = new ArrayList<>(List.of(command.split(" ")));
        full.addAll(List.of(args));
        full.addAll(List.of("--bootstrap", bootstrapServers, "--topic-prefix", topics.prefix()));
        return run(full.toArray(String[]::new));
    }

    /** Asserts a usage error: exit 2, {@code messages} on stderr without a stack trace, nothing on stdout. */
    void assertUsageError(String... messages) {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(err).contains(messages).doesNotContain("\tat ");
        assertThat(out).isEmpty();
    }
}
