package io.switchboard.launcher;

import io.switchboard.launcher.cli.SwitchboardCli;
import java.util.Set;

/** Entry point of the {@code switchboard} command; see {@link SwitchboardCli} for the commands. */
public final class Main {
    /** Commands that run briefly as Kafka clients: their own message explains a failure, Kafka's warnings only add noise. */
    private static final Set<String> CLIENT_COMMANDS = Set.of("token", "acl", "users", "replay");

    private static final String KAFKA_LOG_LEVEL = "switchboard.log.kafka";

    private Main() {}

    public static void main(String[] args) {
        // Before any logger exists: logback.xml reads the property once, when logging starts.
        if (args.length > 0 && CLIENT_COMMANDS.contains(args[0]) && System.getProperty(KAFKA_LOG_LEVEL) == null) {
            System.setProperty(KAFKA_LOG_LEVEL, "ERROR");
        }
        int code = SwitchboardCli.create(System.getenv()).execute(args);
        System.exit(code);
    }
}
