package io.switchboard.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code switchboard}, {@code switchboard acl}, {@code switchboard users}):
 * run alone, it says which to choose, prints its usage on stderr and exits 2.
 */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final String choices;

    /** @param choices the subcommands, as the message lists them: "list, set or remove" */
    CommandGroup(String choices) {
        this.choices = choices;
    }

    @Override
    public final Integer call() {
        spec.commandLine().getErr().println("Missing command: choose " + choices + ".");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
