package io.switchboard.schemas;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A channel name, {@code family} or {@code family:key}, as PROTOCOL.md defines it: the family is lowercase
 * letters, digits, {@code _ - .}; the key may add {@code : @} and uppercase; at most 200 characters.
 *
 * <p>Two rules every module must apply alike live here too: every user's personal channel is {@code user:<id>}
 * ({@link #PERSONAL_FAMILY}, {@link #personal}), and a channel's deliveries are in the partition of its family's
 * output topic that {@link #partition(String, int)} names.
 */
public record ChannelName(String family, Optional<String> key) {
    public static final int MAX_LENGTH = 200;

    /** The family of personal channels: every user's is {@code user:<id>} (PROTOCOL.md, "Connecting"). */
    public static final String PERSONAL_FAMILY = "user";

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

    /**
     * The personal channel of a user, {@code user:<userId>}.
     *
     * @throws IllegalArgumentException with {@link #parse}'s message when the user id makes no valid channel
     */
    public static ChannelName personal(String userId) {
        return parse(personalName(userId));
    }

    /** Whether {@code userId} makes a valid personal channel {@code user:<userId>} (so it is not null or empty). */
    public static boolean isValidUserId(String userId) {
        return userId != null && isValid(personalName(userId));
    }

    /** The text of a user's personal channel, {@code user:<userId>}, valid or not. */
    public static String personalName(String userId) {
        return PERSONAL_FAMILY + ":" + userId;
    }

    /**
     * The partition that holds a channel in an output topic of {@code partitions} partitions: the one Kafka's default
     * partitioner picks for the channel as key ({@link KeyPartitioner}). The processor writes with that partitioner,
     * the gateway reads this partition, and a replay writes to it by number, so that a configured {@code
     * partitioner.class} cannot put a copy where no gateway reads.
     *
     * @throws IllegalArgumentException when {@code partitions} is under 1
     */
    public static int partition(String channel, int partitions) {
        return KeyPartitioner.partition(channel, partitions);
    }

    /** This channel's partition in an output topic of {@code partitions} partitions; see {@link #partition(String, int)}. */
    public int partition(int partitions) {
        return partition(toString(), partitions);
    }

    @Override
    public String toString() {
        return key.map(k -> family + ":" + k).orElse(family);
    }
}
