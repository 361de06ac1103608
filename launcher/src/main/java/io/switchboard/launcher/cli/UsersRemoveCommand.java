package io.switchboard.launcher.cli;

import io.switchboard.launcher.users.DirectoryEntry;
import io.switchboard.launcher.users.UserIds;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;

/** {@code switchboard users remove}: removes a user from the role directory (a tombstone in the compacted topic). */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Removes a user from the role directory (<prefix>.users) with a tombstone: events addressed to roles no "
                    + "longer reach its personal channel. Events addressed to the user by id still do.",
            "The processor writes the entry again when the user connects with a token that carries roles.",
            "An entry under an invalid user id (switchboard users list marks it) can be removed too.",
            "Example: switchboard users remove alice"
        })
final class UsersRemoveCommand extends UsersEditCommand {
    UsersRemoveCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    void checkArguments() {
        super.checkArguments();
        if (user.isBlank()) {
            throw usage("Invalid user id: it is blank.");
        }
    }

    @Override
    int run(UsersConnection kafka, PrintWriter out) {
        DirectoryEntry before = readOrCreate(kafka, out).get(user);
        if (before == null) {
            requireValidUserId();
            return absent(kafka, out);
        }
        if (dryRun) {
            out.println("Would remove '" + user + "' from the role directory:");
            table(out, List.of(before));
            dryRunDone(out);
            return ExitCode.OK;
        }
        kafka.directory().remove(user);
        out.println("Removed '" + user + "' from the role directory " + kafka.topic() + ". It was:");
        table(out, List.of(before));
        return ExitCode.OK;
    }

    /** A user the directory does not hold: a tombstone all the same, so that the command is safe to repeat. */
    private int absent(UsersConnection kafka, PrintWriter out) {
        String absent = "'" + user + "' is not in the role directory " + kafka.topic();
        if (dryRun) {
            out.println(absent + ": would write a tombstone all the same.");
            dryRunDone(out);
            return ExitCode.OK;
        }
        kafka.directory().remove(user);
        out.println(absent + ": wrote a tombstone all the same; nothing else changed.");
        return ExitCode.OK;
    }

    /** An id that is neither in the directory nor valid is a typing error: nothing is written. */
    private void requireValidUserId() {
        try {
            UserIds.check(user);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid user id: " + e.getMessage() + "; no such entry either, nothing written.");
        }
    }
}
