package io.switchboard.launcher.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Assembles the {@code switchboard} command line: {@code dev}, {@code gateway} and {@code processor}.
 *
 * <p>Exit codes: 0 after a clean stop, 1 when a part cannot start (a port in use, Kafka unreachable), 2 for a
 * usage error or a bad configuration value (the message names the key).
 */
public final class SwitchboardCli {
    private SwitchboardCli() {}

    /**
     * The command line, reading {@code SWITCHBOARD_*} settings from {@code env} (the process environment, or a
     * map in tests).
     */
    public static CommandLine create(Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new SwitchboardCommand())
                .addSubcommand(new DevCommand(env))
                .addSubcommand(new GatewayCommand(env))
                .addSubcommand(new ProcessorCommand(env));
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }
}
