package io.switchboard.launcher.cli;

import io.switchboard.processor.acl.AclRules;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code switchboard acl grant}: gives a role the right to subscribe and/or publish on a family. */
@Command(
        name = "grant",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Gives a role the right to subscribe (--subscribe) and/or publish (--publish) on the channels of a family "
                    + "pattern, keeping what it had. A role the rule did not name starts from what it had as 'user'. "
                    + "The processor applies the change to new actions within seconds.",
            "A family without an output topic gets one (<prefix>.out.<family>, --partitions, the broker's default "
                    + "replication factor), so that the processor can route its events.",
            "Example: switchboard acl grant --family forum_threads:* --role bot --publish"
        })
final class AclGrantCommand extends AclPermissionCommand {
    @Mixin
    PartitionsOption partitions;

    AclGrantCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    String verb() {
        return "grant";
    }

    @Override
    String done() {
        return "Granted";
    }

    @Override
    String preposition() {
        return "to";
    }

    @Override
    void checkArguments() {
        super.checkArguments();
        partitions.check();
    }

    @Override
    AclRule change(AclRule before, Set<Permission> permissions, Instant now) {
        return AclRules.grant(before, role, permissions, by.name(), now);
    }

    /**
     * Says what roles a new rule does not name get (the table has no column for them), and creates the family's output
     * topic when it has none (in a dry run, only says it would).
     */
    @Override
    void beforeWrite(AclConnection kafka, AclRule before, PrintWriter out) {
        if (before == null) {
            out.println(
                    "'" + pattern.key() + "' has no rule yet: this grant starts one. A role it does not name gets what "
                            + "'user' gets; an anonymous connection only what 'anonymous' gets.");
        }
        String topic = kafka.target().topics().output(pattern.family());
        if (kafka.admin().exists(topic)) {
            return;
        }
        int count = partitions.partitions();
        if (dryRun) {
            out.println("Would create the output topic " + topic + " (" + count + " partitions).");
        } else if (kafka.admin().create(topic, count)) {
            out.println("Created the output topic " + topic + " (" + count + " partitions), so that the "
                    + "processor can route events of '" + pattern.family() + "' to it.");
        }
    }
}
