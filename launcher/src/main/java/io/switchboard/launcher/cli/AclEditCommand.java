package io.switchboard.launcher.cli;

import io.switchboard.launcher.acl.AclTable;
import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.processor.acl.FamilyPattern;
import io.switchboard.schemas.avro.AclRule;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Option;

/**
 * What the commands that change the policy share: {@code --family}, {@code --dry-run}, and an empty policy topic.
 *
 * <p>An empty topic is read as the default policy, and written as such before the change: the processor seeds the
 * default only into an empty topic, so a lone rule written before its first start would otherwise replace the whole
 * default policy.
 */
abstract class AclEditCommand extends AclSubcommand {
    @Option(
            names = "--family",
            required = true,
            paramLabel = "PATTERN",
            description = "Family pattern: a family such as metrics (the channel 'metrics') or family:* such as "
                    + "forum_threads:* (every channel 'forum_threads:<key>'). Personal channels (user) are built in.")
    String family;

    @Option(names = "--dry-run", description = "Print the change and write nothing.")
    boolean dryRun;

    /** The parsed {@code --family}, once {@link #checkArguments()} ran. */
    FamilyPattern pattern;

    AclEditCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    void checkArguments() {
        try {
            pattern = FamilyPattern.parse(family);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid --family: " + e.getMessage());
        }
    }

    /** The rules to change, and whether they are the default policy still to be written into an empty topic. */
    record Policy(SortedMap<String, AclRule> rules, boolean unseeded) {
        AclRule rule(FamilyPattern pattern) {
            return rules.get(pattern.key());
        }
    }

    /**
     * Reads the policy, writing nothing. A missing topic, or one without any record, stands for the default policy,
     * which the processor would write into it.
     */
    static Policy read(AclConnection kafka) {
        String topic = kafka.aclTopic();
        if (kafka.admin().exists(topic)) {
            SortedMap<String, AclRule> rules = kafka.topic().readAll();
            if (!rules.isEmpty() || !kafka.admin().hasNoRecords(topic)) {
                return new Policy(rules, false);
            }
        }
        return new Policy(DefaultPolicy.rules(Instant.now()), true);
    }

    /** Writes the default policy first when the topic had none (not in a dry run) and says so. */
    void seedIfNeeded(Policy policy, AclConnection kafka, PrintWriter out) {
        if (!policy.unseeded()) {
            return;
        }
        String what = kafka.aclTopic() + " holds no policy yet: ";
        int size = policy.rules().size();
        if (dryRun) {
            out.println(what + "would write the default policy (" + size + " rules) first.");
            return;
        }
        kafka.topic().ensureTopic(kafka.target().replicationFactor());
        if (kafka.topic().seedIfEmpty(policy.rules())) {
            out.println(what + "wrote the default policy (" + size + " rules) first, as the processor does at its "
                    + "first start.");
        }
    }

    /** Prints a table of {@code rows}, labelled as given. */
    static void table(PrintWriter out, Map<String, AclRule> rows) {
        new AclTable().rows(rows).lines().forEach(out::println);
    }

    /** Ends the output of a dry run. */
    void dryRunDone(PrintWriter out) {
        out.println("Dry run: nothing written.");
    }
}
