package io.switchboard.launcher.cli;

import picocli.CommandLine.Command;

/** The top-level {@code switchboard} command: it only lists its subcommands. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Real-time event distribution over WebSocket with Kafka as the backbone.",
            "dev runs everything on this machine; gateway and processor run one part each against a Kafka cluster; "
                    + "token prints a development JWT; acl shows and changes who may subscribe and publish where; "
                    + "users shows and changes the roles of users for audience routing; replay re-delivers a window of a channel, to its subscribers or to one user; "
                    + "connect is a terminal client of a gateway."
        },
        footer = {
            "",
            "Configuration, lowest to highest precedence: defaults, --config FILE (properties), SWITCHBOARD_* "
                    + "environment variables (gateway.port is SWITCHBOARD_GATEWAY_PORT), command-line options."
        })
final class SwitchboardCommand extends CommandGroup {
    SwitchboardCommand() {
        super("dev, gateway, processor, token, acl, users, replay or connect");
    }
}
