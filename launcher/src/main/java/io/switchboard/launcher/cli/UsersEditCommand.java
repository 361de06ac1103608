package io.switchboard.launcher.cli;

import io.switchboard.launcher.users.DirectoryEntry;
import io.switchboard.launcher.users.UserDirectory;
import java.io.PrintWriter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code users set} and {@code users remove} share: the user argument, {@code --dry-run}, and a directory topic
 * that does not exist yet, which they create compacted with {@code --partitions} (as the processor would, with {@code
 * processor.topics.partitions}).
 */
abstract class UsersEditCommand extends UsersSubcommand {
    @Parameters(
            index = "0",
            paramLabel = "USER",
            description = "The user id, as the sub claim of its tokens: letters, digits, '_', '-', '.', ':', '@' "
                    + "(its personal channel is user:<USER>).")
    String user;

    @Option(names = "--dry-run", description = "Print the change and write nothing.")
    boolean dryRun;

    @Mixin
    PartitionsOption partitions;

    UsersEditCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    void checkArguments() {
        partitions.check();
    }

    /**
     * The directory as it is now. A missing topic is an empty directory, created here (compacted, {@code
     * --partitions}, {@code processor.topics.replication-factor}) so that the change can be written; in a dry run
     * only said.
     */
    SortedMap<String, DirectoryEntry> readOrCreate(UsersConnection kafka, PrintWriter out) {
        String topic = kafka.topic();
        if (kafka.admin().exists(topic)) {
            return kafka.directory().readAll();
        }
        int count = partitions.partitions();
        String shape = " (compacted, " + count + " partitions)";
        if (dryRun) {
            out.println("The role directory " + topic + " does not exist yet: would create it" + shape + ".");
            return new TreeMap<>();
        }
        if (kafka.admin()
                .create(UserDirectory.newTopic(topic, count, kafka.target().replicationFactor()))) {
            out.println("Created the role directory " + topic + shape + ".");
            return new TreeMap<>();
        }
        // Someone else created it meanwhile (a processor starting): it may hold entries already.
        return kafka.directory().readAll();
    }

    /** Ends the output of a dry run. */
    void dryRunDone(PrintWriter out) {
        out.println("Dry run: nothing written.");
    }
}
