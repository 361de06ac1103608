package io.switchboard.load.scale;

/**
 * Continuity of one kind of channel (the shared channels, or the personal ones) summed over clients.
 *
 * @param received messages at new positions
 * @param holes jumps in a client's sequence numbers
 * @param missing sequence numbers skipped by those jumps: events lost
 * @param duplicates messages at a new position whose sequence number was already received: events written twice
 * @param repeats messages at a position already received (a resume's overlap), dropped as the protocol says
 * @param behind sequence numbers produced that a client had not received when the run ended
 */
public record StreamTally(long received, long holes, long missing, long duplicates, long repeats, long behind) {
    public static final StreamTally NONE = new StreamTally(0, 0, 0, 0, 0, 0);

    public StreamTally plus(StreamTally o) {
        return new StreamTally(
                received + o.received,
                holes + o.holes,
                missing + o.missing,
                duplicates + o.duplicates,
                repeats + o.repeats,
                behind + o.behind);
    }

    /** Nothing lost, nothing duplicated, nothing left behind. */
    public boolean clean() {
        return missing == 0 && duplicates == 0 && behind == 0;
    }
}
