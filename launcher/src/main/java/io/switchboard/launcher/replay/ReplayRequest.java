package io.switchboard.launcher.replay;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.Topics;
import java.util.Optional;

/**
 * What an operator asked to replay, checked before anything connects: a valid channel, a window whose ends can be
 * compared without Kafka in the right order, and a user whose personal channel is a valid channel name.
 *
 * @param channel the channel whose messages are copied
 * @param from the first position of the window
 * @param to the end of the window, exclusive; empty: the end of the partition when the replay starts
 * @param user the user whose personal channel receives the copies; empty: the channel itself
 * @param dryRun read and report, write nothing
 */
public record ReplayRequest(
        ChannelName channel, ReplayPosition from, Optional<ReplayPosition> to, Optional<String> user, boolean dryRun) {
    /**
     * Checks the arguments as given on the command line.
     *
     * @param to {@code null} for the end of the partition
     * @param user {@code null} to replay to the channel itself
     * @throws IllegalArgumentException naming the option at fault
     */
    public static ReplayRequest of(
            String channel, ReplayPosition from, ReplayPosition to, String user, boolean dryRun) {
        ChannelName name;
        try {
            name = ChannelName.parse(channel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid --channel: " + e.getMessage());
        }
        if (to != null) {
            checkOrder(from, to);
        }
        if (user != null) {
            String personal = ChannelName.personalName(user);
            if (user.isEmpty() || !ChannelName.isValid(personal)) {
                throw new IllegalArgumentException("Invalid --user '" + user + "': '" + personal
                        + "' is not a valid channel (a user id is letters, digits, '_', '-', '.', ':' or '@')");
            }
        }
        return new ReplayRequest(name, from, Optional.ofNullable(to), Optional.ofNullable(user), dryRun);
    }

    /** Ends of the same kind compare here; an offset against a time only once Kafka has turned the time into one. */
    private static void checkOrder(ReplayPosition from, ReplayPosition to) {
        if (isEmptyWindow(from, to)) {
            throw new IllegalArgumentException(
                    "--from (" + from + ") must be before --to (" + to + "): --to is the exclusive end of the window");
        }
    }

    private static boolean isEmptyWindow(ReplayPosition from, ReplayPosition to) {
        if (from instanceof ReplayPosition.Offset first && to instanceof ReplayPosition.Offset end) {
            return first.offset() >= end.offset();
        }
        if (from instanceof ReplayPosition.Time first && to instanceof ReplayPosition.Time end) {
            return !first.time().isBefore(end.time());
        }
        return false;
    }

    /** The output topic that holds the channel. */
    String sourceTopic(Topics topics) {
        return topics.output(channel.family());
    }

    /** Where the copies go: the channel itself, or the user's personal channel. */
    ReplayTarget target(Topics topics) {
        return user.map(id ->
                        new ReplayTarget(topics.output(ChannelName.PERSONAL_FAMILY), ChannelName.personalName(id)))
                .orElseGet(() -> new ReplayTarget(sourceTopic(topics), channel.toString()));
    }
}
