package io.switchboard.load.report;

/**
 * The sequence numbers one connection received on one channel, where the producer numbers events 1, 2, 3, … : a jump
 * forward by more than one is a hole (the numbers between were never delivered), a number at or below the highest
 * seen is a duplicate or out of order. Lossless, in-order delivery shows as no hole and no duplicate.
 */
public final class SeqTracker {
    private long last;
    private long received;
    private long missing;
    private long holes;
    private long duplicates;

    /**
     * Takes the next sequence number received.
     *
     * @return how many numbers were skipped just before {@code seq} (0 in order), or -1 for a duplicate or a number
     *     that arrived out of order
     */
    public long accept(long seq) {
        received++;
        if (seq <= last) {
            duplicates++;
            return -1;
        }
        long skipped = seq - last - 1;
        if (skipped > 0) {
            holes++;
            missing += skipped;
        }
        last = seq;
        return skipped;
    }

    /** The highest sequence number received, 0 before the first. */
    public long last() {
        return last;
    }

    public long received() {
        return received;
    }

    /** Sequence numbers skipped over by later ones (the tail after {@link #last()} is not counted here). */
    public long missing() {
        return missing;
    }

    public long holes() {
        return holes;
    }

    public long duplicates() {
        return duplicates;
    }

    /** How many of the events up to {@code lastProduced} never arrived after the last one received. */
    public long behind(long lastProduced) {
        return Math.max(0, lastProduced - last);
    }
}
