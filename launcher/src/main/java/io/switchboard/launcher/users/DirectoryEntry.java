package io.switchboard.launcher.users;

import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One user in the role directory as the processor sees it: the latest readable entry (Avro, or the JSON of an
 * identity service), and, when the latest record's value cannot be read, why. The processor skips such a record and
 * keeps the entry before it; with none before, the user holds no role. It skips every record under a key that is no
 * valid user id.
 *
 * @param user the records' key
 * @param entry the latest readable entry; null when there is none
 * @param unreadable why the latest record's value cannot be read; null when it can
 * @param recordTime the latest record's timestamp
 */
public record DirectoryEntry(String user, UserEntry entry, String unreadable, Instant recordTime) {
    /** Decodes a non-null value with {@link UserEntryCodec}, keeping the reason when it cannot. */
    static DirectoryEntry decode(String user, byte[] value, Instant recordTime) {
        try {
            return new DirectoryEntry(user, UserEntryCodec.decode(value, recordTime), null, recordTime);
        } catch (IllegalArgumentException e) {
            return new DirectoryEntry(user, null, e.getMessage(), recordTime);
        }
    }

    /** A readable entry. */
    public static DirectoryEntry of(String user, UserEntry entry) {
        return new DirectoryEntry(user, entry, null, entry.getUpdatedAt());
    }

    /** This record read after {@code previous}: an unreadable value keeps the previous entry, as the processor does. */
    DirectoryEntry after(DirectoryEntry previous) {
        return entry != null || previous.entry() == null
                ? this
                : new DirectoryEntry(user, previous.entry(), unreadable, recordTime);
    }

    /** Whether there is an entry to route by. */
    boolean readable() {
        return entry != null;
    }

    /** Whether the latest record is exactly this entry: readable, so that writing the same roles changes nothing. */
    public boolean current() {
        return entry != null && unreadable == null;
    }

    /** The roles; empty when there is no readable entry. */
    public List<String> roles() {
        return readable() ? entry.getRoles() : List.of();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** What an operator should know about this user's records, if anything: what the processor ignores, and why. */
    Optional<String> note() {
        if (!UserIds.isValid(user)) {
            return Optional.of("ignored by the processor: invalid user id: " + reason(user));
        }
        if (unreadable == null) {
            return Optional.empty();
        }
        return Optional.of(
                readable()
                        ? "latest value unreadable, the processor keeps these roles: " + unreadable
                        : "ignored by the processor: unreadable value: " + unreadable);
    }

    /** When the entry was written: its own time, or the latest record's when there is no readable entry. */
    Instant updatedAt() {
        return readable() && entry.getUpdatedAt() != null ? entry.getUpdatedAt() : recordTime;
    }

    /** Who wrote it, or empty when unknown. */
    String updatedBy() {
        return readable() && entry.getUpdatedBy() != null ? entry.getUpdatedBy() : "";
    }

    private static String reason(String user) {
        try {
            UserIds.check(user);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
