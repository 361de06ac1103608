package io.switchboard.launcher.cli;

import io.switchboard.launcher.users.DirectoryEntry;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code switchboard users list}: the role directory as a table. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the role directory (the compacted topic <prefix>.users) as it is at the start of the command: one "
                    + "row per user, sorted by user id, with its roles (— for none) and when and by whom the entry "
                    + "was last written ('connect': the processor, from the roles of a token at a connection).",
            "An entry the processor ignores (a value it cannot read, a key that is no valid user id) is listed with "
                    + "a note saying why."
        })
final class UsersListCommand extends UsersSubcommand {
    @Option(
            names = "--role",
            paramLabel = "ROLE",
            description = "Only the users that hold this role (the users an event to audience roles [ROLE] reaches).")
    String role;

    UsersListCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    void checkArguments() {
        if (role != null && role.isBlank()) {
            throw usage("Invalid --role: a role name must not be blank.");
        }
    }

    @Override
    int run(UsersConnection kafka, PrintWriter out) {
        String topic = kafka.topic();
        if (!kafka.admin().exists(topic)) {
            out.println("The role directory " + topic + " does not exist yet: it is empty. switchboard users set "
                    + "creates it, and so does the processor at start.");
            return ExitCode.OK;
        }
        Collection<DirectoryEntry> entries = kafka.directory().readAll().values();
        List<DirectoryEntry> shown = role == null
                ? List.copyOf(entries)
                : entries.stream().filter(entry -> entry.hasRole(role.strip())).toList();
        if (shown.isEmpty()) {
            out.println(
                    role == null
                            ? "The role directory " + topic + " is empty."
                            : "No user in the role directory " + topic + " has the role '" + role.strip() + "'.");
            return ExitCode.OK;
        }
        table(out, shown);
        return ExitCode.OK;
    }
}
