package io.switchboard.launcher.cli;

import io.switchboard.launcher.kafka.TopicAdmin;
import io.switchboard.launcher.users.UserDirectory;

/**
 * What a {@code users} command works with: where the role directory is, the directory, and the admin API.
 *
 * @param target the cluster, topic names and client properties
 * @param directory the role directory topic
 * @param admin topics
 */
record UsersConnection(KafkaTarget target, UserDirectory directory, TopicAdmin admin)
        implements KafkaSubcommand.Clients {
    /** The clients for {@code target}; they connect on first use. */
    static UsersConnection open(KafkaTarget target) {
        return new UsersConnection(
                target,
                new UserDirectory(target.clientProperties(), target.topics().users()),
                new TopicAdmin(target.clientProperties(), "switchboard-users-admin"));
    }

    /** The name of the directory topic. */
    String topic() {
        return target.topics().users();
    }

    @Override
    public void close() {
        try {
            directory.close();
        } finally {
            admin.close();
        }
    }
}
