package io.switchboard.launcher.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress lines of a long replay, on standard error at most once per interval, so that standard output holds only
 * the summary: {@code replay: offset 5200 in [1200, 9400) 48%, scanned 4000, matched 37, written 30}. A replay
 * shorter than the interval prints none.
 */
final class ReplayProgress {
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final boolean dryRun;
    private long nextLine;

    ReplayProgress(PrintWriter err, LongSupplier nanoTime, Duration interval, boolean dryRun) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.dryRun = dryRun;
        this.nextLine = nanoTime.getAsLong() + intervalNanos;
    }

    /** Prints a line when the interval has passed since the start or the last line. */
    void update(ReplayWindow window, long position, ReplayCounts counts, long written) {
        long now = nanoTime.getAsLong();
        if (now - nextLine < 0) {
            return;
        }
        nextLine = now + intervalNanos;
        err.println(line(window, position, counts, written));
        err.flush();
    }

    String line(ReplayWindow window, long position, ReplayCounts counts, long written) {
        long done = Math.min(Math.max(position, window.from()), window.to()) - window.from();
        long percent = window.span() == 0 ? 100 : (long) (100.0 * done / window.span());
        return "replay: offset " + position + " in [" + window.from() + ", " + window.to() + ") " + percent
                + "%, scanned " + counts.scannedCount() + ", matched " + counts.matchedCount()
                + (dryRun ? " (dry run)" : ", written " + written);
    }
}
