package io.switchboard.processor.acl;

import io.switchboard.schemas.ChannelName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key of a rule in the ACL topic: {@code metrics} governs exactly the channel {@code metrics} (keyed = false);
 * {@code forum_threads:*} governs every {@code forum_threads:<key>} (keyed = true). The family part follows
 * {@link ChannelName}'s family rules. Finding the rule of a channel is a direct lookup of {@link #of}'s {@link
 * #key()}: there are no other wildcards.
 *
 * @param family the channel family, lowercase letters, digits, {@code _ - .}
 * @param keyed whether the pattern governs the keyed channels {@code family:<key>} rather than {@code family}
 */
public record FamilyPattern(String family, boolean keyed) {
    /** The suffix of a keyed pattern. */
    static final String ANY_KEY = ":*";

    private static final Pattern FAMILY = Pattern.compile("[a-z0-9_.-]+");

    public FamilyPattern {
        Objects.requireNonNull(family, "family");
        if (!FAMILY.matcher(family).matches() || family.length() > ChannelName.MAX_LENGTH) {
            throw new IllegalArgumentException("ACL family must be 1-" + ChannelName.MAX_LENGTH
                    + " lowercase letters, digits, '_', '-' or '.': '" + family + "'");
        }
    }

    /**
     * Parses and validates an ACL key written by an operator.
     *
     * @throws IllegalArgumentException when the family has characters a channel family cannot have, the part after
     *     {@code :} is anything but {@code *}, or the family is the personal family {@code user} (personal channels
     *     are built in, not in the ACL)
     */
    public static FamilyPattern parse(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("ACL key is empty; expected 'family' or 'family:*'");
        }
        int colon = key.indexOf(':');
        if (colon >= 0 && !key.substring(colon).equals(ANY_KEY)) {
            throw new IllegalArgumentException(
                    "ACL key '" + key + "' may only be 'family' or 'family:*' (no other key patterns)");
        }
        FamilyPattern pattern = new FamilyPattern(colon < 0 ? key : key.substring(0, colon), colon >= 0);
        if (pattern.family().equals(ChannelName.PERSONAL_FAMILY)) {
            throw new IllegalArgumentException("ACL key '" + key + "' names the personal family '"
                    + ChannelName.PERSONAL_FAMILY + "', whose rule is built in: a connection subscribes to its own"
                    + " channel only and nobody publishes there");
        }
        return pattern;
    }

    /**
     * The pattern that governs a channel: {@code family} for a channel without a key, {@code family:*} for one with
     * a key. It does not reject the personal family: its key is simply never in the ACL.
     */
    static FamilyPattern of(ChannelName channel) {
        return new FamilyPattern(channel.family(), channel.key().isPresent());
    }

    /** The ACL key: {@code metrics} or {@code forum_threads:*}. */
    public String key() {
        return keyed ? family + ANY_KEY : family;
    }

    @Override
    public String toString() {
        return key();
    }
}
