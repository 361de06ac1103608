package io.switchboard.launcher.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the Kafka client commands ({@code acl}, {@code users}, {@code replay}): which cluster, which topics. */
final class KafkaTargetOptions {
    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (" + KafkaTarget.BOOTSTRAP + ", default localhost:9092).")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "Prefix of the topic names: <prefix>.acl (the policy), <prefix>.users (the role directory), "
                    + "<prefix>.out.<family> (a family's messages) (" + KafkaTarget.TOPIC_PREFIX
                    + ", default switchboard).")
    String topicPrefix;

    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, KafkaTarget.BOOTSTRAP, bootstrap);
        ConfigOptions.putIfGiven(overrides, KafkaTarget.TOPIC_PREFIX, topicPrefix);
        return overrides;
    }
}
