package io.switchboard.processor.users;

import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the role directory in step with the roles users connect with: when an authenticated user connects or
 * refreshes its credentials with a set of roles that differs from its directory entry, or has no entry, that set
 * is to be written to {@code switchboard.users} as {@code UserEntry{roles, time, "connect"}}. Such an entry is one
 * writer among others (identity service, operators): the latest record of a user wins.
 */
public final class RolesSeenAtConnect {
    /** The {@code updatedBy} of the entries written at connect. */
    static final String UPDATED_BY = "connect";

    private final RoleDirectory directory;

    public RolesSeenAtConnect(RoleDirectory directory) {
        this.directory = directory;
    }

    /**
     * The entry to write for {@code user} seen with {@code roles} at {@code time}, or empty when the directory already
     * says so (same roles in any order) or the connection is anonymous ({@code user} null or empty). Role names the
     * directory cannot hold (blank, or with a NUL) are left out.
     */
    public Optional<UserEntry> entryToWrite(String user, List<String> roles, Instant time) {
        if (!UserKeys.isUser(user)) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        roles.stream().filter(UserKeys::isRole).forEach(seen::add);
        Optional<UserEntry> known = directory.entry(user);
        if (known.isPresent() && Set.copyOf(known.get().getRoles()).equals(seen)) {
            return Optional.empty();
        }
        return Optional.of(UserEntry.newBuilder()
                .setRoles(List.copyOf(seen))
                .setUpdatedAt(time)
                .setUpdatedBy(UPDATED_BY)
                .build());
    }
}
