package io.switchboard.launcher;

import io.switchboard.launcher.cli.SwitchboardCli;
import java.util.Set;

/** Entry point of the {@code switchboard} command; see {@link SwitchboardCli} for the commands. */
public final class Main {
    /**
     * Commands that run as clients (of Kafka, or of a gateway for {@code connect}): their own message explains a
     * failure, Kafka's warnings only add noise.
     */
    private static final Set<String> CLIENT_COMMANDS = Set.of("token", "acl", "users", "replay", "connect");

    private static final String KAFKA_LOG_LEVEL = "switchboard.log.kafka";
    /**
     * Which backend JBoss Logging (Undertow's and XNIO's logger) uses. Left to itself it picks Log4j 2, which Kafka
     * brings along, so their messages bypassed logback.xml, and the level check of XNIO's trace logging on every task
     * of an I/O thread was the gateway's top frame at 300k deliveries a second.
     */
    private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";

    private Main() {}

    public static void main(String[] args) {
        // Before any logger exists: logback.xml reads the property once, when logging starts.
        if (args.length > 0 && CLIENT_COMMANDS.contains(args[0]) && System.getProperty(KAFKA_LOG_LEVEL) == null) {
            System.setProperty(KAFKA_LOG_LEVEL, "ERROR");
        }
        if (System.getProperty(JBOSS_LOGGING_PROVIDER) == null) {
            System.setProperty(JBOSS_LOGGING_PROVIDER, "slf4j");
        }
        int code = SwitchboardCli.create(System.getenv()).execute(args);
        System.exit(code);
    }
}
