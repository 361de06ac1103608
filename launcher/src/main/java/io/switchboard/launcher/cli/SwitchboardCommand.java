package io.switchboard.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code switchboard} command: it only lists its subcommands. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Real-time event distribution over WebSocket with Kafka as the backbone.",
            "dev runs everything on this machine; gateway and processor run one part each against a Kafka cluster; "
                    + "token prints a development JWT; acl shows and changes who may subscribe and publish where; "
                    + "replay re-delivers a window of a channel, to its subscribers or to one user."
        },
        footer = {
            "",
            "Configuration, lowest to highest precedence: defaults, --config FILE (properties), SWITCHBOARD_* "
                    + "environment variables (gateway.port is SWITCHBOARD_GATEWAY_PORT), command-line options."
        })
final class SwitchboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: choose dev, gateway, processor, token, acl or replay.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
