package io.switchboard.launcher.cli;

import java.util.Map;

/** A {@code switchboard acl} command: it works with the policy topic and the admin API ({@link AclConnection}). */
abstract class AclSubcommand extends KafkaSubcommand<AclConnection> {
    AclSubcommand(Map<String, String> env) {
        super(env);
    }

    @Override
    final AclConnection open(KafkaTarget target) {
        return AclConnection.open(target);
    }
}
