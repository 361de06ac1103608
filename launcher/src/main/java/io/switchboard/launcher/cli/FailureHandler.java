package io.switchboard.launcher.cli;

import io.switchboard.config.ConfigException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line and an exit code: a bad configuration value exits 2 naming the key; a port in
 * use or a {@link CommandFailedException} (Kafka unreachable, no such rule) exits 1; anything unexpected exits 1
 * with its stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        Optional<ConfigException> config = cause(failure, ConfigException.class);
        Optional<CommandFailedException> commandFailed = cause(failure, CommandFailedException.class);
        Optional<PortInUseException> portInUse = cause(failure, PortInUseException.class);
        Optional<BindException> bind = cause(failure, BindException.class);
        if (config.isPresent()) {
            err.println("Invalid configuration: " + config.get().getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        if (commandFailed.isPresent()) {
            err.println(commandFailed.get().getMessage());
            LOG.debug("switchboard {} failed", commandLine.getCommandName(), failure);
        } else if (portInUse.isPresent()) {
            err.println(portInUse.get().getMessage());
        } else if (bind.isPresent()) {
            err.println(
                    "Cannot start: an address is already in use (" + bind.get().getMessage() + ")");
        } else {
            err.println("switchboard " + commandLine.getCommandName() + " failed: " + failure);
            LOG.error("command-failed: switchboard {}", commandLine.getCommandName(), failure);
        }
        err.flush();
        return ExitCode.SOFTWARE;
    }

    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
