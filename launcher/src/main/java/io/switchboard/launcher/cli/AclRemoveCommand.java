package io.switchboard.launcher.cli;

import io.switchboard.schemas.avro.AclRule;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;

/** {@code switchboard acl remove}: deletes the rule of a family pattern (a tombstone in the compacted topic). */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Deletes the rule of a family pattern: afterwards nobody may subscribe or publish on its channels, and "
                    + "live subscriptions to them end. The family's output topic stays.",
            "Example: switchboard acl remove --family book_requests"
        })
final class AclRemoveCommand extends AclEditCommand {
    AclRemoveCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AclConnection kafka, PrintWriter out) {
        Policy policy = read(kafka);
        AclRule before = policy.rule(pattern);
        if (before == null) {
            throw new CommandFailedException("No rule for '" + pattern.key() + "': nothing to remove, nothing written "
                    + "(switchboard acl list shows the rules).");
        }
        seedIfNeeded(policy, kafka, out);
        if (dryRun) {
            out.println("Would remove the rule of '" + pattern.key() + "':");
            table(out, Map.of(pattern.key(), before));
            dryRunDone(out);
            return ExitCode.OK;
        }
        kafka.topic().remove(pattern.key());
        out.println("Removed the rule of '" + pattern.key() + "': its channels are refused to everyone now. It was:");
        table(out, Map.of(pattern.key(), before));
        return ExitCode.OK;
    }
}
