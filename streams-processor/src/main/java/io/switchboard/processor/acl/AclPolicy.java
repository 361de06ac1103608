package io.switchboard.processor.acl;

import io.switchboard.processor.policy.AccessPolicy;
import io.switchboard.processor.policy.Decision;
import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The ACL-backed {@link AccessPolicy}: the rule of a channel is the one under {@link FamilyPattern#of}'s key, read
 * through {@code lookup} on every decision, so a policy change applies to the next action. Personal channels are
 * built in: a connection subscribes to its own {@code user:<id>} only, and nobody publishes there.
 *
 * <p>Without a rule, a configured family is refused with {@code permission_denied} (it exists, nobody may use it)
 * and any other family with {@code unknown_channel}.
 */
public final class AclPolicy implements AccessPolicy {
    private final Function<String, AclRule> lookup;
    private final Set<String> configuredFamilies;
    private final String userFamily;

    /**
     * @param lookup ACL key to rule, or {@code null} when there is none (in the processor: the global store {@code
     *     acl-store}); called on the stream thread, must not block
     * @param configuredFamilies the families of {@code processor.families}
     * @param userFamily the family of personal channels, {@code user}
     */
    public AclPolicy(Function<String, AclRule> lookup, Set<String> configuredFamilies, String userFamily) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.userFamily = Objects.requireNonNull(userFamily, "userFamily");
    }

    @Override
    public Decision subscribe(Requester requester, ChannelName channel) {
        if (channel.family().equals(userFamily)) {
            return ownsPersonalChannel(requester, channel)
                    ? Decision.allowed()
                    : Decision.denied(
                            Decision.PERMISSION_DENIED, "a connection may only subscribe to its own personal channel");
        }
        return decide(requester, channel, Permission.SUBSCRIBE, "subscribe to");
    }

    @Override
    public Decision publish(Requester requester, ChannelName channel) {
        if (channel.family().equals(userFamily)) {
            return Decision.denied(
                    Decision.PERMISSION_DENIED, "nobody publishes on personal channels from a connection");
        }
        return decide(requester, channel, Permission.PUBLISH, "publish on");
    }

    /**
     * Whether a family has an output topic to route events to: the personal family, a configured one, or one that a
     * rule names in either key form.
     */
    public boolean knownFamily(String family) {
        if (family.equals(userFamily) || configuredFamilies.contains(family)) {
            return true;
        }
        return lookup.apply(family) != null || lookup.apply(family + FamilyPattern.ANY_KEY) != null;
    }

    private Decision decide(Requester requester, ChannelName channel, Permission permission, String verb) {
        FamilyPattern pattern = FamilyPattern.of(channel);
        AclRule rule = lookup.apply(pattern.key());
        if (rule != null) {
            return AclRules.allows(rule, requester, permission)
                    ? Decision.allowed()
                    : Decision.denied(Decision.PERMISSION_DENIED, "no permission to " + verb + " '" + channel + "'");
        }
        if (configuredFamilies.contains(channel.family())) {
            return Decision.denied(Decision.PERMISSION_DENIED, "no permission rule for family '" + pattern.key() + "'");
        }
        return Decision.denied(Decision.UNKNOWN_CHANNEL, "unknown channel family '" + channel.family() + "'");
    }

    private static boolean ownsPersonalChannel(Requester requester, ChannelName channel) {
        return requester.userId().isPresent() && channel.key().equals(requester.userId());
    }
}
