package io.switchboard.launcher.cli;

import io.switchboard.launcher.acl.RoleNames;
import io.switchboard.processor.acl.AclRules;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code grant} and {@code revoke}: read the family's rule, change one role's permissions in it ({@link AclRules}),
 * write it back stamped with {@code --by} and the time, and print the resulting row.
 */
abstract class AclPermissionCommand extends AclEditCommand {
    @Option(
            names = "--role",
            required = true,
            paramLabel = "ROLE",
            description = "Role: admin, developer, viewer, bot, anonymous (no token), user (any role the rule does "
                    + "not name) or any other role name (lowercase letters, digits, '_', '.', '-').")
    String role;

    @Option(names = "--subscribe", description = "The right to subscribe (S).")
    boolean subscribe;

    @Option(names = "--publish", description = "The right to publish (P).")
    boolean publish;

    @Mixin
    ByOption by;

    AclPermissionCommand(Map<String, String> env) {
        super(env);
    }

    /** "grant" or "revoke", for messages. */
    abstract String verb();

    /** "Granted" or "Revoked". */
    abstract String done();

    /** "to" or "from". */
    abstract String preposition();

    /** The rule after the change. */
    abstract AclRule change(AclRule before, Set<Permission> permissions, Instant now);

    @Override
    void checkArguments() {
        super.checkArguments();
        try {
            RoleNames.check(role);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid --role: " + e.getMessage());
        }
        if (!subscribe && !publish) {
            throw usage("Say what to " + verb() + ": --subscribe, --publish or both.");
        }
        by.check();
    }

    @Override
    final int run(AclConnection kafka, PrintWriter out) {
        Policy policy = read(kafka);
        AclRule before = policy.rule(pattern);
        checkApplies(before);
        AclRule after = change(before, permissions(), Instant.now());
        if (before != null && Objects.equals(before.getRoles(), after.getRoles())) {
            out.println("Nothing to change: the rule already is what " + summary(verb()) + " would make it.");
            table(out, Map.of(pattern.key(), before));
            return ExitCode.OK;
        }
        seedIfNeeded(policy, kafka, out);
        beforeWrite(kafka, before, out);
        if (dryRun) {
            out.println(summary("Would " + verb()) + ":");
            Map<String, AclRule> rows = new LinkedHashMap<>();
            if (before != null) {
                rows.put(pattern.key() + " (now)", before);
            }
            rows.put(pattern.key() + " (after)", after);
            table(out, rows);
            dryRunDone(out);
            return ExitCode.OK;
        }
        kafka.topic().put(pattern.key(), after);
        out.println(summary(done()) + ".");
        table(out, Map.of(pattern.key(), after));
        return ExitCode.OK;
    }

    /**
     * Refuses a change that cannot apply to {@code before} (null: the family has no rule).
     *
     * @throws CommandFailedException saying why
     */
    void checkApplies(AclRule before) {}

    /**
     * Work a change needs before the rule that was {@code before} (null: none) is written; in a dry run it must write
     * nothing and say what it would do.
     */
    void beforeWrite(AclConnection kafka, AclRule before, PrintWriter out) {}

    private Set<Permission> permissions() {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (subscribe) {
            permissions.add(Permission.SUBSCRIBE);
        }
        if (publish) {
            permissions.add(Permission.PUBLISH);
        }
        return permissions;
    }

    /** "{@code verbForm} S P to 'bot' on 'metrics'". */
    private String summary(String verbForm) {
        return verbForm + " " + AclRules.describe(List.copyOf(permissions())) + " " + preposition() + " '" + role
                + "' on '" + pattern.key() + "'";
    }
}
