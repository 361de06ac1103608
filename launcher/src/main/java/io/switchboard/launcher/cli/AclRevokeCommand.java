package io.switchboard.launcher.cli;

import io.switchboard.processor.acl.AclRules;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code switchboard acl revoke}: takes the right to subscribe and/or publish on a family from a role. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Takes the right to subscribe (--subscribe) and/or publish (--publish) on the channels of a family "
                    + "pattern from a role. The role stays named in the rule, so it does not fall back to 'user'. "
                    + "Within seconds the processor refuses new actions and ends live subscriptions the rule no "
                    + "longer allows (unsubscribed, reason permission_revoked).",
            "Example: switchboard acl revoke --family metrics --role viewer --subscribe"
        })
final class AclRevokeCommand extends AclPermissionCommand {
    AclRevokeCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    String verb() {
        return "revoke";
    }

    @Override
    String done() {
        return "Revoked";
    }

    @Override
    String preposition() {
        return "from";
    }

    @Override
    void checkApplies(AclRule before) {
        if (before == null) {
            throw new CommandFailedException("No rule for '" + pattern.key() + "': nothing to revoke, nothing written "
                    + "(switchboard acl list shows the rules).");
        }
    }

    @Override
    AclRule change(AclRule before, Set<Permission> permissions, Instant now) {
        return AclRules.revoke(before, role, permissions, by.name(), now);
    }
}
