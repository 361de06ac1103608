package io.switchboard.launcher.users;

import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One user's latest record in the role directory, as the processor sees it: a readable entry (Avro or the JSON of an
 * identity service), or an unreadable value and why. An entry under a key that is no valid user id is readable but
 * ignored by the processor too ({@link #ignoredBecause()}).
 *
 * @param user the record's key
 * @param entry the decoded value; null when it cannot be read
 * @param unreadable why the value cannot be read; null when it can
 * @param recordTime the record's timestamp
 */
public record DirectoryEntry(String user, UserEntry entry, String unreadable, Instant recordTime) {
    /** Decodes a non-null value with {@link UserEntryCodec}, keeping the reason when it cannot. */
    public static DirectoryEntry decode(String user, byte[] value, Instant recordTime) {
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

    public boolean readable() {
        return entry != null;
    }

    /** The roles; empty when the value is unreadable. */
    public List<String> roles() {
        return readable() ? entry.getRoles() : List.of();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** Why the processor skips this record, if it does: an unreadable value, or a key that is no valid user id. */
    public Optional<String> ignoredBecause() {
        if (!readable()) {
            return Optional.of("unreadable value: " + unreadable);
        }
        try {
            UserIds.check(user);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid user id: " + e.getMessage());
        }
    }

    /** When the entry was written: its own time, or the record's when the value is unreadable. */
    public Instant updatedAt() {
        return readable() && entry.getUpdatedAt() != null ? entry.getUpdatedAt() : recordTime;
    }

    /** Who wrote it, or empty when unknown. */
    public String updatedBy() {
        return readable() && entry.getUpdatedBy() != null ? entry.getUpdatedBy() : "";
    }
}
