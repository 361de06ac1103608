package io.switchboard.schemas;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A channel name, {@code family} or {@code family:key}, as PROTOCOL.md defines it: the family is lowercase
 * letters, digits, {@code _ - .}; the key may add {@code : @} and uppercase; at most 200 characters.
 */
public record ChannelName(String family, Optional<String> key) {
    public static final int MAX_LENGTH = 200;

    private static final Pattern FAMILY = Pattern.compile("[a-z0-9_.-]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:@-]+");

    /**
     * Parses a channel name.
     *
     * @throws IllegalArgumentException with a message fit for a client when the name is not valid
     */
    public static ChannelName parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("channel is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("channel is longer than " + MAX_LENGTH + " characters");
        }
        int colon = name.indexOf(':');
        String family = colon < 0 ? name : name.substring(0, colon);
        if (!FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException(
                    "channel family must be lowercase letters, digits, '_', '-' or '.': " + name);
        }
        if (colon < 0) {
            return new ChannelName(family, Optional.empty());
        }
        String key = name.substring(colon + 1);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "channel key must be letters, digits, '_', '-', '.', ':' or '@': " + name);
        }
        return new ChannelName(family, Optional.of(key));
    }

    /** Whether {@code name} is a valid channel name. */
    public static boolean isValid(String name) {
        try {
            parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return key.map(k -> family + ":" + k).orElse(family);
    }
}
