package io.switchboard.launcher.cli;

import picocli.CommandLine.Command;

/** {@code switchboard users}: the role directory in Kafka; its subcommands do the work. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows and changes the role directory: the compacted Kafka topic <prefix>.users (default "
                    + "switchboard.users), one entry per user id with its roles. The processor delivers an event "
                    + "addressed to audience roles to the personal channel user:<id> of every user holding one, "
                    + "online or not.",
            "Identity services write the directory too (Avro or JSON {\"roles\":[...]}), and the processor writes the "
                    + "roles of a token at a connection when they differ from the entry: the latest writer wins.",
            "Kafka is found like the processor finds it: --bootstrap, --topic-prefix, or processor.bootstrap-servers, "
                    + "processor.topic-prefix and kafka.* client properties (security) from --config FILE or "
                    + "SWITCHBOARD_* environment variables."
        })
final class UsersCommand extends CommandGroup {
    UsersCommand() {
        super("list, set or remove");
    }
}
