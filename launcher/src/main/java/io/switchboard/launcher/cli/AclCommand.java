package io.switchboard.launcher.cli;

import picocli.CommandLine.Command;

/** {@code switchboard acl}: the permission policy in Kafka; its subcommands do the work. */
@Command(
        name = "acl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows and changes the permission policy: the compacted Kafka topic <prefix>.acl (default "
                    + "switchboard.acl), one rule per family pattern saying which roles may subscribe (S) and "
                    + "publish (P). The processor enforces it and applies a change within seconds.",
            "Kafka is found like the processor finds it: --bootstrap, --topic-prefix, or processor.bootstrap-servers, "
                    + "processor.topic-prefix and kafka.* client properties (security) from --config FILE or "
                    + "SWITCHBOARD_* environment variables."
        })
final class AclCommand extends CommandGroup {
    AclCommand() {
        super("list, grant, revoke or remove");
    }
}
