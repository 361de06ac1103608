package io.switchboard.launcher.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --by}: who makes a change, stored with it (a rule's or a directory entry's {@code updatedBy}). */
final class ByOption {
    @Option(
            names = "--by",
            paramLabel = "NAME",
            description = "Who makes the change, stored with it (default: the OS user name, ${DEFAULT-VALUE}).")
    String by = System.getProperty("user.name", "unknown");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The name, once {@link #check()} accepted it. */
    String name() {
        return by;
    }

    /** @throws ParameterException when the name is blank or longer than 100 characters */
    void check() {
        if (by == null || by.isBlank() || by.length() > 100) {
            throw new ParameterException(spec.commandLine(), "Invalid --by: give a name of 1-100 characters.");
        }
    }
}
