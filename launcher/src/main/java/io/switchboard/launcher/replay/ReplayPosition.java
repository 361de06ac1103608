package io.switchboard.launcher.replay;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One end of a replay window, as an operator gives it: an offset of the channel's partition ({@code 1200}) or a time
 * (ISO-8601 with {@code Z} or an offset: {@code 2026-11-22T10:00:00Z}, {@code 2026-11-22T11:00+01:00}). A time
 * stands for the first record at or after it.
 */
public sealed interface ReplayPosition {
    /** A partition offset. */
    record Offset(long offset) implements ReplayPosition {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("an offset cannot be negative: " + offset);
            }
        }

        @Override
        public String toString() {
            return "offset " + offset;
        }
    }

    /** A record timestamp; the position is the first record at or after it. */
    record Time(Instant time) implements ReplayPosition {
        public Time {
            if (time.isBefore(Instant.EPOCH)) {
                throw new IllegalArgumentException("a time before 1970 holds no record: " + time);
            }
        }

        @Override
        public String toString() {
            return time.toString();
        }
    }

    /**
     * Reads an offset or an ISO-8601 date-time with a zone offset.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    static ReplayPosition parse(String text) {
        String value = text.strip();
        if (isDigits(value)) {
            try {
                return new Offset(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large for an offset");
            }
        }
        if (value.startsWith("-") && isDigits(value.substring(1))) {
            throw new IllegalArgumentException("'" + text + "': an offset cannot be negative");
        }
        try {
            return new Time(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            if (isLocalDateTime(value)) {
                throw new IllegalArgumentException("'" + text + "' has no time zone: add Z for UTC or an offset such "
                        + "as +01:00 (2026-11-22T10:00:00Z)");
            }
            throw new IllegalArgumentException("'" + text + "' is neither an offset (a whole number) nor an ISO-8601 "
                    + "time such as 2026-11-22T10:00:00Z or 2026-11-22T11:00:00+01:00");
        }
    }

    private static boolean isLocalDateTime(String value) {
        try {
            LocalDateTime.parse(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isDigits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
