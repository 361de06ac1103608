package io.switchboard.launcher.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every {@code switchboard acl} command that say which Kafka cluster and topic prefix. */
final class AclTargetOptions {
    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (" + AclTarget.BOOTSTRAP + ", default localhost:9092).")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "Prefix of the topic names; the policy is <prefix>.acl (" + AclTarget.TOPIC_PREFIX
                    + ", default switchboard).")
    String topicPrefix;

    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, AclTarget.BOOTSTRAP, bootstrap);
        ConfigOptions.putIfGiven(overrides, AclTarget.TOPIC_PREFIX, topicPrefix);
        return overrides;
    }
}
