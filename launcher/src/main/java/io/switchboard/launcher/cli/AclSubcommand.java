package io.switchboard.launcher.cli;

import io.switchboard.launcher.acl.TopicAdmin;
import io.switchboard.processor.acl.AclTopic;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code switchboard acl} command does around its own work: check the arguments before connecting to
 * anything, load the settings, open the ACL topic, and turn "Kafka does not answer" into one clear line (exit 1).
 */
abstract class AclSubcommand implements Callable<Integer> {
    @Mixin
    AclTargetOptions target;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    AclSubcommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public final Integer call() {
        checkArguments();
        AclTarget acl = AclTarget.from(config.load(ConfigOptions.everyKey(), env, target.overrides()));
        if (config.printed(acl.settings())) {
            return ExitCode.OK;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AclTopic topic = new AclTopic(acl.bootstrapServers(), acl.kafkaProperties(), acl.topics());
                TopicAdmin admin = new TopicAdmin(acl.bootstrapServers(), acl.kafkaProperties())) {
            return run(new AclConnection(acl, topic, admin), out);
        } catch (IllegalStateException e) {
            // AclTopic and TopicAdmin say what failed and where (Kafka unreachable, a topic missing or refused).
            throw new CommandFailedException("switchboard acl " + spec.name() + ": " + e.getMessage(), e);
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

    /** The command's work, with the clients open; returns the exit code. */
    abstract int run(AclConnection kafka, PrintWriter out);

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
