package io.switchboard.launcher.cli;

import io.switchboard.launcher.replay.ReplayArgumentException;
import io.switchboard.launcher.replay.ReplayJob;
import io.switchboard.launcher.replay.ReplayPosition;
import io.switchboard.launcher.replay.ReplayRequest;
import io.switchboard.launcher.replay.ReplaySummary;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code switchboard replay}: re-delivers a window of one channel, to the channel or to one user, as copies marked
 * {@code replayed} (PROTOCOL.md: "A re-delivered message also carries replayed: true"). The work is {@link
 * ReplayJob}'s; this class checks the arguments before anything connects and maps failures to exit codes.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Re-delivers what a channel carried in a window of time or offsets: reads the partition of "
                    + "<prefix>.out.<family> that holds --channel (read_committed) and writes a copy of each of the "
                    + "channel's messages, marked replayed: true (same event id, event, time and payload), to the "
                    + "channel itself or, with --user, to that user's personal channel user:<id>, where it waits "
                    + "until the user connects.",
            "Copies written by an earlier replay are never copied again. The window is [--from, --to): without --to "
                    + "it ends where the partition ended when the replay started, however fast new messages arrive. "
                    + "Progress goes to stderr every second, the summary to stdout.",
            "Examples:",
            "  switchboard replay --channel forum_threads:42 --user alice \\",
            "      --from 2026-11-22T10:00:00Z --to 2026-11-22T14:00:00Z",
            "  switchboard replay --channel metrics --from 1200 --to 1500 --dry-run"
        })
final class ReplayCommand extends KafkaSubcommand<ReplayCommand.Job> {
    @Option(
            names = "--channel",
            required = true,
            paramLabel = "CHANNEL",
            description = "The channel to replay, family or family:key (forum_threads:42, user:alice).")
    String channel;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "TIME|OFFSET",
            converter = ReplayPositionConverter.class,
            description = "Start of the window: an offset of the channel's partition (1200), or the first message at "
                    + "or after a time, ISO-8601 with Z or an offset (2026-11-22T10:00:00Z, 2026-11-22T11:00+01:00).")
    ReplayPosition from;

    @Option(
            names = "--to",
            paramLabel = "TIME|OFFSET",
            converter = ReplayPositionConverter.class,
            description = "End of the window, exclusive, like --from (default: the end of the partition when the "
                    + "replay starts).")
    ReplayPosition to;

    @Option(
            names = "--user",
            paramLabel = "ID",
            description = "Deliver the copies to this user's personal channel user:<ID> only (default: to the channel "
                    + "itself, for every subscriber).")
    String user;

    @Option(names = "--dry-run", description = "Read the window and report what would be written; write nothing.")
    boolean dryRun;

    /** The request, once {@link #checkArguments()} ran. */
    private ReplayRequest request;

    ReplayCommand(Map<String, String> env) {
        super(env);
    }

    /** A replay job opens and closes its own clients. */
    record Job(ReplayJob job) implements KafkaSubcommand.Clients {
        @Override
        public void close() {}
    }

    @Override
    void checkArguments() {
        request = request();
    }

    @Override
    Job open(KafkaTarget kafka) {
        return new Job(new ReplayJob(kafka.bootstrapServers(), kafka.kafkaProperties(), kafka.topics()));
    }

    @Override
    int run(Job kafka, PrintWriter out) {
        try {
            ReplaySummary summary = kafka.job().run(request, spec.commandLine().getErr());
            summary.lines().forEach(out::println);
            return ExitCode.OK;
        } catch (ReplayArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ReplayRequest request() {
        try {
            return ReplayRequest.of(channel, from, to, user, dryRun);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
