package io.switchboard.processor.policy;

import io.switchboard.schemas.ChannelName;
import java.util.Set;

/**
 * The walking skeleton's policy, until the ACL policy replaces it: any connection may subscribe to any channel
 * of a known family, a user only to its own personal channel {@code user:<id>}, and nobody publishes from a
 * connection yet.
 */
public final class KnownFamiliesPolicy implements AccessPolicy {
    private final Set<String> knownFamilies;
    private final String userFamily;

    /**
     * @param knownFamilies every family with an output topic, including {@code userFamily}
     * @param userFamily the family of personal channels, {@code user}
     */
    public KnownFamiliesPolicy(Set<String> knownFamilies, String userFamily) {
        this.knownFamilies = Set.copyOf(knownFamilies);
        this.userFamily = userFamily;
    }

    @Override
    public Decision subscribe(Requester requester, ChannelName channel) {
        if (!knownFamilies.contains(channel.family())) {
            return Decision.denied(Decision.UNKNOWN_CHANNEL, "unknown channel family '" + channel.family() + "'");
        }
        if (channel.family().equals(userFamily) && !ownsPersonalChannel(requester, channel)) {
            return Decision.denied(
                    Decision.PERMISSION_DENIED, "a connection may only subscribe to its own personal channel");
        }
        return Decision.allowed();
    }

    @Override
    public Decision publish(Requester requester, ChannelName channel) {
        return Decision.denied(Decision.PERMISSION_DENIED, "publishing from connections is not enabled yet");
    }

    private static boolean ownsPersonalChannel(Requester requester, ChannelName channel) {
        return requester.userId().isPresent() && channel.key().equals(requester.userId());
    }
}
