package io.switchboard.launcher;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table as the client commands print them ({@code acl list}, {@code users list}): a header line, then one
 * line per row, columns left-aligned and separated by at least two spaces, no trailing spaces, so that {@code awk} and
 * {@code grep} work on it.
 */
public final class TextTable {
    private static final String GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>();
    private final int columns;

    /** A table with these column headers. */
    public TextTable(List<String> header) {
        this.columns = header.size();
        rows.add(List.copyOf(header));
    }

    /** Adds a row of as many cells as the header has. */
    public TextTable row(List<String> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + columns);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The header line, then one line per row. */
    public List<String> lines() {
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                int pad = i == columns - 1 ? 0 : widths[i] - cell.length();
                line.append(i == 0 ? "" : GAP).append(cell).append(" ".repeat(pad));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** A time as a cell: ISO-8601 in UTC to the second, or empty when there is none. */
    public static String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
