package io.switchboard.launcher.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the switchboard command line with captured output. */
record CliRun(int exitCode, String out, String err) {
    /** A JWT secret long enough for HS256 (32 bytes or more), for commands that need one. */
    static final String SECRET = "launcher-tests-secret-0123456789abcdef";

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
}
