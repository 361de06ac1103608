package io.switchboard.launcher.cli;

import io.switchboard.launcher.kafka.TopicAdmin;
import io.switchboard.processor.acl.AclTopic;

/**
 * What an {@code acl} command works with: where the policy is, its topic, and the admin API.
 *
 * @param target the cluster, topic names and client properties
 * @param topic the policy topic
 * @param admin topics and their offsets
 */
record AclConnection(KafkaTarget target, AclTopic topic, TopicAdmin admin) implements KafkaSubcommand.Clients {
    /** The clients for {@code target}; they connect on first use. */
    static AclConnection open(KafkaTarget target) {
        return new AclConnection(
                target,
                new AclTopic(target.bootstrapServers(), target.kafkaProperties(), target.topics()),
                new TopicAdmin(target.clientProperties(), "switchboard-acl-admin"));
    }

    /** The name of the policy topic. */
    String aclTopic() {
        return target.topics().acl();
    }

    @Override
    public void close() {
        try {
            topic.close();
        } finally {
            admin.close();
        }
    }
}
