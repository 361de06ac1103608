package io.switchboard.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
final class AclCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: choose list, grant, revoke or remove.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
