package io.switchboard.launcher.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The outcome of a replay, printed on standard output when it ends.
 *
 * @param targetPartition the partition of the target topic that holds the target channel
 * @param written copies Kafka acknowledged (0 in a dry run)
 * @param targetFirst offset of the first copy in the target partition, if any was written
 * @param targetLast offset of the last copy in the target partition, if any was written
 */
public record ReplaySummary(
        ReplayRequest request,
        ReplayWindow window,
        ReplayTarget target,
        int targetPartition,
        ReplayCounts counts,
        long written,
        OptionalLong targetFirst,
        OptionalLong targetLast,
        Duration elapsed) {

    /** The summary, one fact per line: {@code scanned: 4200}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        String what = request.channel() + " to " + target.channel();
        lines.add(request.dryRun() ? "Dry run: would replay " + what + "; nothing written." : "Replayed " + what + ".");
        window.notes().forEach(note -> lines.add("note:    " + note));
        lines.add("source:  " + window.partition() + ", offsets [" + window.from() + ", " + window.to() + ") (from "
                + request.from() + ", to " + request.to().map(Object::toString).orElse("the end at start") + ")");
        lines.add("scanned: " + counts.scannedCount());
        lines.add("matched: " + counts.matchedCount() + skipped());
        lines.add(request.dryRun() ? "would write: " + counts.matchedCount() : "written: " + written);
        OptionalLong firstCopied = counts.firstCopied();
        lines.add("copied:  "
                + (firstCopied.isEmpty() ? "none" : range(firstCopied, counts.lastCopied()) + " (source offsets)"));
        lines.add("target:  " + target.topic() + "-" + targetPartition + ", key " + target.channel()
                + (request.dryRun() ? "" : ", offsets " + range(targetFirst, targetLast)));
        lines.add(String.format(Locale.ROOT, "elapsed: %.1f s", elapsed.toMillis() / 1000.0));
        return lines;
    }

    private String skipped() {
        List<String> parts = new ArrayList<>();
        if (counts.earlierReplayCount() > 0) {
            long copies = counts.earlierReplayCount();
            parts.add(copies + (copies == 1 ? " copy" : " copies") + " from earlier replays skipped");
        }
        if (counts.presenceNoticeCount() > 0) {
            long notices = counts.presenceNoticeCount();
            parts.add(notices + (notices == 1 ? " presence notice" : " presence notices") + " skipped");
        }
        if (counts.unreadableCount() > 0) {
            long records = counts.unreadableCount();
            parts.add(records + (records == 1 ? " record that is not a delivery" : " records that are not deliveries")
                    + " skipped");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String range(OptionalLong first, OptionalLong last) {
        if (first.isEmpty()) {
            return "none";
        }
        return first.getAsLong() + " to " + last.getAsLong();
    }
}
