package io.switchboard.launcher.cli;

import io.switchboard.launcher.acl.AclTable;
import io.switchboard.schemas.avro.AclRule;
import java.io.PrintWriter;
import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;

/** {@code switchboard acl list}: the permission policy as a table. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the permission policy (the compacted topic <prefix>.acl) as a table: one row per family pattern, "
                    + "one column per role, then when and by whom the rule was last changed.",
            "S = subscribe, P = publish, — = nothing, (user) = the rule does not name the role, which then gets what "
                    + "'user' gets. 'anonymous' is a connection without a token."
        })
final class AclListCommand extends AclSubcommand {
    AclListCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AclConnection kafka, PrintWriter out) {
        String topic = kafka.aclTopic();
        if (!kafka.admin().exists(topic)) {
            out.println("The policy topic " + topic + " does not exist yet: the processor creates it, with the default "
                    + "policy of DESIGN.md, at its first start.");
            return ExitCode.OK;
        }
        SortedMap<String, AclRule> rules = kafka.topic().readAll();
        if (rules.isEmpty()) {
            out.println("No permission rules in " + topic + ": every subscribe and publish is refused.");
            if (kafka.admin().hasNoRecords(topic)) {
                out.println("The topic is empty: the processor writes the default policy of DESIGN.md into it at its "
                        + "next start.");
            }
            return ExitCode.OK;
        }
        new AclTable().rows(rules).lines().forEach(out::println);
        return ExitCode.OK;
    }
}
