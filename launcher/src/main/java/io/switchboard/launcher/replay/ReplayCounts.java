package io.switchboard.launcher.replay;

import java.util.OptionalLong;

/** What a replay has seen so far in its window: the numbers of its progress lines and of its summary. */
final class ReplayCounts {
    private long scanned;
    private long matched;
    private long earlierReplays;
    private long unreadable;
    private long presenceNotices;
    private long firstCopied = -1;
    private long lastCopied = -1;

    /** A record of the window was read, whatever its key. */
    void scanned() {
        scanned++;
    }

    /** An original delivery of the channel at {@code offset}: it is copied (or would be, in a dry run). */
    void matched(long offset) {
        matched++;
        if (firstCopied < 0) {
            firstCopied = offset;
        }
        lastCopied = offset;
    }

    /** A delivery of the channel that an earlier replay wrote: never copied again. */
    void earlierReplay() {
        earlierReplays++;
    }

    /** A record of the channel whose value is not a delivery (a tombstone, another format): skipped. */
    void unreadable() {
        unreadable++;
    }

    /** A presence notice of the channel (a join or leave): never copied. */
    void presenceNotice() {
        presenceNotices++;
    }

    long scannedCount() {
        return scanned;
    }

    long matchedCount() {
        return matched;
    }

    long earlierReplayCount() {
        return earlierReplays;
    }

    long unreadableCount() {
        return unreadable;
    }

    long presenceNoticeCount() {
        return presenceNotices;
    }

    /** The source offset of the first copied record, if any. */
    OptionalLong firstCopied() {
        return firstCopied < 0 ? OptionalLong.empty() : OptionalLong.of(firstCopied);
    }

    /** The source offset of the last copied record, if any. */
    OptionalLong lastCopied() {
        return lastCopied < 0 ? OptionalLong.empty() : OptionalLong.of(lastCopied);
    }
}
