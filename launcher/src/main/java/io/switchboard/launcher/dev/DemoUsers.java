package io.switchboard.launcher.dev;

import io.switchboard.launcher.kafka.ClientProperties;
import io.switchboard.launcher.users.UserDirectory;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.UserEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of the tokens dev mode prints, in the role directory: {@code admin} with role admin, {@code viewer} with
 * role viewer. Written for the demo's book requests, so that their updates for the admins reach the admin's personal
 * channel before its first connection (instead of the dead-letter topic: an audience that matches nobody), and only
 * when absent, so that what an operator or a connection wrote into a kept {@code --data-dir} stays.
 */
final class DemoUsers {
    /** The writer named in the entries. */
    static final String WRITER = "dev demo";

    static final Map<String, List<String>> ROLES =
            Map.of(DevAccess.ADMIN, List.of(BookRequests.ADMIN_ROLE), DevAccess.VIEWER, List.of(DevAccess.VIEWER));

    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    private DemoUsers() {}

    /**
     * Writes the entries the directory lacks; a failure is logged, not thrown: the demo runs without them.
     *
     * @return the users written
     */
    static List<String> writeMissing(String bootstrapServers, Topics topics) {
        try (UserDirectory directory =
                new UserDirectory(new ClientProperties(bootstrapServers, Map.of()), topics.users())) {
            Set<String> present = directory.readAll().keySet();
            List<String> written = new ArrayList<>();
            ROLES.forEach((user, roles) -> {
                if (!present.contains(user)) {
                    directory.put(user, new UserEntry(roles, Instant.now(), WRITER));
                    written.add(user);
                }
            });
            return written;
        } catch (IllegalStateException e) {
            LOG.warn("Demo users not written to {}: {}", topics.users(), e.getMessage());
            return List.of();
        }
    }
}
