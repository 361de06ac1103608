package io.switchboard.launcher.users;

import io.switchboard.launcher.TextTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Directory entries as a text table, the way {@code switchboard users} prints them: {@code USER ROLES UPDATED AT
 * UPDATED BY}, one row per entry in the given order. ROLES is comma-separated as {@code --roles} takes it, {@code —}
 * for none, {@code ?} for a user without a readable entry. A NOTE column appears when a row has a note ({@link
 * DirectoryEntry#note()}: what the processor ignores and why).
 */
public final class UsersTable {
    private static final String UNREADABLE = "?";

    private UsersTable() {}

    /** The table's lines; the rows are labelled with the user id. */
    public static List<String> lines(Collection<DirectoryEntry> entries) {
        return lines(entries.stream().map(entry -> new Row(entry.user(), entry)).toList());
    }

    /** The table's lines, each row with its own label (for "alice (now)" and "alice (after)"). */
    public static List<String> lines(List<Row> rows) {
        boolean notes = rows.stream().anyMatch(row -> row.entry().note().isPresent());
        List<String> header = new ArrayList<>(List.of("USER", "ROLES", "UPDATED AT", "UPDATED BY"));
        if (notes) {
            header.add("NOTE");
        }
        TextTable table = new TextTable(header);
        for (Row row : rows) {
            DirectoryEntry entry = row.entry();
            List<String> cells = new ArrayList<>(List.of(
                    row.label(),
                    entry.readable() ? RoleLists.format(entry.roles()) : UNREADABLE,
                    TextTable.time(entry.updatedAt()),
                    entry.updatedBy()));
            if (notes) {
                cells.add(entry.note().orElse(""));
            }
            table.row(cells);
        }
        return table.lines();
    }

    /** A row: its label in the USER column and its entry. */
    public record Row(String label, DirectoryEntry entry) {}
}
