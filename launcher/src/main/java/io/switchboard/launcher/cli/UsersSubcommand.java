package io.switchboard.launcher.cli;

import io.switchboard.launcher.users.DirectoryEntry;
import io.switchboard.launcher.users.UsersTable;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A {@code switchboard users} command: it works with the role directory and the admin API ({@link UsersConnection}). */
abstract class UsersSubcommand extends KafkaSubcommand<UsersConnection> {
    UsersSubcommand(Map<String, String> env) {
        super(env);
    }

    @Override
    final UsersConnection open(KafkaTarget target) {
        return UsersConnection.open(target);
    }

    /** Prints a table of {@code entries}, one row per user. */
    static void table(PrintWriter out, Collection<DirectoryEntry> entries) {
        UsersTable.lines(entries).forEach(out::println);
    }

    /** Prints a table of labelled rows. */
    static void table(PrintWriter out, List<UsersTable.Row> rows) {
        UsersTable.lines(rows).forEach(out::println);
    }
}
