package io.switchboard.launcher.cli;

import io.switchboard.launcher.acl.TopicAdmin;
import io.switchboard.processor.acl.AclTopic;

/**
 * What an {@code acl} command works with: where the policy is, its topic, and the admin API.
 *
 * @param target the cluster, topic names and client properties
 * @param topic the policy topic
 * @param admin topics and their offsets
 */
record AclConnection(AclTarget target, AclTopic topic, TopicAdmin admin) {
    /** The name of the policy topic. */
    String aclTopic() {
        return target.topics().acl();
    }
}
