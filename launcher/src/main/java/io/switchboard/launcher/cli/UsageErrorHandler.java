package io.switchboard.launcher.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error prints its message, the command's synopsis and where to find more, not the whole help, so that the
 * message stays in sight; the exit code is 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.print(commandLine.getHelp().fullSynopsis());
        // The qualified name starts with the top-level command: "switchboard acl grant".
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName(" ") + " --help' for more.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
