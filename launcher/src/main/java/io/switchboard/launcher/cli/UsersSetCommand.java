package io.switchboard.launcher.cli;

import io.switchboard.launcher.users.DirectoryEntry;
import io.switchboard.launcher.users.RoleLists;
import io.switchboard.launcher.users.UserIds;
import io.switchboard.launcher.users.UsersTable.Row;
import io.switchboard.schemas.avro.UserEntry;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard users set}: writes a user's roles into the role directory. */
@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes the roles of a user into the role directory (<prefix>.users), replacing what it held, stamped with "
                    + "--by and the time. The processor routes events addressed to those roles to the user's personal "
                    + "channel from then on.",
            "The latest writer wins: when the user connects with a token whose roles differ, the processor writes "
                    + "those instead; an identity service may write the entry too.",
            "A directory topic that does not exist yet is created, compacted, with --partitions.",
            "Example: switchboard users set alice --roles admin,viewer --by ops"
        })
final class UsersSetCommand extends UsersEditCommand {
    @Option(
            names = "--roles",
            required = true,
            paramLabel = "ROLES",
            description = "Comma-separated role names, e.g. admin,viewer; an empty value (--roles '') means no roles.")
    String roles;

    @Mixin
    ByOption by;

    /** The parsed {@code --roles}, once {@link #checkArguments()} ran. */
    private List<String> roleList;

    UsersSetCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    void checkArguments() {
        super.checkArguments();
        try {
            UserIds.check(user);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid user id: " + e.getMessage());
        }
        try {
            roleList = RoleLists.parse(roles);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid --roles: " + e.getMessage());
        }
        by.check();
    }

    @Override
    int run(UsersConnection kafka, PrintWriter out) {
        DirectoryEntry before = readOrCreate(kafka, out).get(user);
        String summary = "the roles of '" + user + "' to " + describe(roleList);
        if (before != null && before.current() && RoleLists.sameRoles(before.roles(), roleList)) {
            out.println("Nothing to change: '" + user + "' already has " + describe(roleList) + ".");
            table(out, List.of(before));
            return ExitCode.OK;
        }
        DirectoryEntry after = DirectoryEntry.of(user, new UserEntry(roleList, Instant.now(), by.name()));
        if (dryRun) {
            out.println("Would set " + summary + ":");
            List<Row> rows = new ArrayList<>();
            if (before != null) {
                rows.add(new Row(user + " (now)", before));
            }
            rows.add(new Row(user + " (after)", after));
            table(out, rows);
            dryRunDone(out);
            return ExitCode.OK;
        }
        kafka.directory().put(user, after.entry());
        out.println("Set " + summary + (before == null ? " (a new entry)." : "."));
        table(out, List.of(after));
        out.println("A connection of '" + user + "' whose token carries other roles replaces this entry.");
        return ExitCode.OK;
    }

    private static String describe(List<String> roles) {
        return roles.isEmpty() ? "no roles" : RoleLists.format(roles);
    }
}
