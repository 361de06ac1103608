package io.switchboard.launcher.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the Kafka client commands ({@code acl …}, {@code users …}, {@code replay}) do around their own work: check the
 * arguments before connecting to anything, load the settings (the processor's keys, so one properties file serves
 * the processor and them), open the Kafka clients, and turn "Kafka does not answer" into one clear line naming the
 * command (exit 1).
 *
 * @param <C> the clients the command works with
 */
abstract class KafkaSubcommand<C extends KafkaSubcommand.Clients> implements Callable<Integer> {
    /** Kafka clients a command opens for its run and closes after it. */
    interface Clients extends AutoCloseable {
        @Override
        void close();
    }

    @Mixin
    KafkaTargetOptions target;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    KafkaSubcommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public final Integer call() {
        checkArguments();
        KafkaTarget kafka = KafkaTarget.from(config.load(ConfigOptions.everyKey(), env, target.overrides()));
        if (config.printed(kafka.settings())) {
            return ExitCode.OK;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (C clients = open(kafka)) {
            return run(clients, out);
        } catch (IllegalStateException e) {
            // The clients say what failed and where (Kafka unreachable, a topic missing or refused).
            throw new CommandFailedException(spec.qualifiedName(" ") + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            // A client that cannot even be created: no resolvable bootstrap address, a bad kafka.* property.
            String reason = e.getCause() == null
                    ? e.getMessage()
                    : e.getMessage() + ": " + e.getCause().getMessage();
            throw new CommandFailedException(spec.qualifiedName(" ") + ": " + reason, e);
        } finally {
            out.flush();
        }
    }

    /**
     * Checks the arguments, before anything connects.
     *
     * @throws ParameterException with a message that names the option
     */
    void checkArguments() {}

    /** The clients for {@code target}; they connect on first use. */
    abstract C open(KafkaTarget target);

    /** The command's work, with the clients open; returns the exit code. */
    abstract int run(C kafka, PrintWriter out);

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
