package io.switchboard.launcher.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * Assembles the {@code switchboard} command line: {@code dev}, {@code gateway} and {@code processor} run the parts;
 * {@code token} mints a development token; {@code acl list | grant | revoke | remove} shows and changes the
 * permission policy; {@code users list | set | remove} shows and changes the role directory; {@code replay} re-delivers
 * a window of a channel; {@code connect} is a terminal client of a gateway.
 *
 * <p>Exit codes: 0 after a clean stop or a done job, 1 when a part cannot start or a job cannot be done (a port in
 * use, Kafka unreachable, no such rule), 2 for a usage error or a bad configuration value (the message names the
 * key).
 */
public final class SwitchboardCli {
    private SwitchboardCli() {}

    /**
     * The command line, reading {@code SWITCHBOARD_*} settings from {@code env} (the process environment, or a
     * map in tests).
     */
    public static CommandLine create(Map<String, String> env) {
        return create(env, System.in);
    }

    /** {@link #create(Map)} with the stream {@code switchboard connect} reads frames from (a test's, say). */
    public static CommandLine create(Map<String, String> env, InputStream stdin) {
        CommandLine commandLine = new CommandLine(new SwitchboardCommand())
                .addSubcommand(new DevCommand(env))
                .addSubcommand(new GatewayCommand(env))
                .addSubcommand(new ProcessorCommand(env))
                .addSubcommand(new TokenCommand(env))
                .addSubcommand(acl(env))
                .addSubcommand(users(env))
                .addSubcommand(new ReplayCommand(env))
                .addSubcommand(new CommandLine(new ConnectCommand(stdin)).setCaseInsensitiveEnumValuesAllowed(true));
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine;
    }

    private static CommandLine acl(Map<String, String> env) {
        return new CommandLine(new AclCommand())
                .addSubcommand(new AclListCommand(env))
                .addSubcommand(new AclGrantCommand(env))
                .addSubcommand(new AclRevokeCommand(env))
                .addSubcommand(new AclRemoveCommand(env));
    }

    private static CommandLine users(Map<String, String> env) {
        return new CommandLine(new UsersCommand())
                .addSubcommand(new UsersListCommand(env))
                .addSubcommand(new UsersSetCommand(env))
                .addSubcommand(new UsersRemoveCommand(env));
    }
}
