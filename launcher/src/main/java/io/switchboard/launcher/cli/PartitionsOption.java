package io.switchboard.launcher.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --partitions}: how many partitions a topic gets that a client command creates . */
final class PartitionsOption {
    static final int DEFAULT = 3;
    static final int MAX = 10_000;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of a topic this command creates (default ${DEFAULT-VALUE}).")
    int partitions = DEFAULT;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The number, once {@link #check()} accepted it. */
    int partitions() {
        return partitions;
    }

    /** @throws ParameterException when the number is outside [1, 10000] */
    void check() {
        if (partitions < 1 || partitions > MAX) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid --partitions: " + partitions + " is outside [1, " + MAX + "].");
        }
    }
}
