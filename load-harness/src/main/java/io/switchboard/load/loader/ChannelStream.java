package io.switchboard.load.loader;

import io.switchboard.load.report.SeqTracker;

/**
 * What one client has received of one channel, across all its connections: the last position (offset and epoch,
 * what a {@code since} resumes from) and the producer's sequence numbers. A message at or below the last offset is
 * a <em>repeat</em> of a position already received (a resume or the personal channel's automatic subscription may
 * send those; the protocol says offsets make them detectable, and a client drops them); a message at a new offset
 * whose sequence number is not new is a true <em>duplicate</em> (the event was written twice); a sequence number
 * that jumps is a <em>hole</em> (events lost).
 */
public final class ChannelStream {
    /** What one message was. */
    public enum Verdict {
        NEW,
        HOLE,
        DUPLICATE,
        REPEAT
    }

    private final SeqTracker sequence = new SeqTracker();
    private long offset = -1;
    private String epoch;
    private long repeats;

    /** Takes a message at {@code messageOffset} carrying sequence number {@code seq}. */
    public Verdict accept(long messageOffset, long seq) {
        if (messageOffset <= offset) {
            repeats++;
            return Verdict.REPEAT;
        }
        offset = messageOffset;
        long skipped = sequence.accept(seq);
        return skipped < 0 ? Verdict.DUPLICATE : skipped > 0 ? Verdict.HOLE : Verdict.NEW;
    }

    /** Records where a {@code subscribed} frame says the stream continues, unless messages already went past it. */
    public void positionAt(long positionOffset, String positionEpoch) {
        if (positionEpoch != null) {
            epoch = positionEpoch;
        }
        offset = Math.max(offset, positionOffset);
    }

    public void epoch(String messageEpoch) {
        if (epoch == null) {
            epoch = messageEpoch;
        }
    }

    /** Whether a position is known to resume from. */
    public boolean hasPosition() {
        return offset >= 0 && epoch != null;
    }

    /** The {@code since} object to resume after the last position received. */
    public String since() {
        return "{\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}";
    }

    public long offset() {
        return offset;
    }

    public SeqTracker sequence() {
        return sequence;
    }

    public long repeats() {
        return repeats;
    }
}
