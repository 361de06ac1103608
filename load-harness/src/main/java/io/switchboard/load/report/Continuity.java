package io.switchboard.load.report;

/**
 * How complete and ordered delivery was on a set of connections (those open at the end, or those closed).
 *
 * @param connections connections in the set
 * @param withHoles connections that missed at least one event later followed by another one
 * @param holes runs of missing sequence numbers
 * @param missing sequence numbers skipped over
 * @param duplicates numbers received at or below the highest already seen (duplicates or out of order)
 * @param behind events produced after the last one each connection received (not delivered by the end)
 * @param connectionsBehind connections with {@code behind > 0}
 */
public record Continuity(
        long connections,
        long withHoles,
        long holes,
        long missing,
        long duplicates,
        long behind,
        long connectionsBehind) {
    public static final Continuity NONE = new Continuity(0, 0, 0, 0, 0, 0, 0);

    /** This set plus one connection tracked by {@code tracker}, given the last event produced. */
    public Continuity plus(SeqTracker tracker, long lastProduced) {
        long tail = tracker.behind(lastProduced);
        return new Continuity(
                connections + 1,
                withHoles + (tracker.holes() > 0 ? 1 : 0),
                holes + tracker.holes(),
                missing + tracker.missing(),
                duplicates + tracker.duplicates(),
                behind + tail,
                connectionsBehind + (tail > 0 ? 1 : 0));
    }

    public Continuity plus(Continuity o) {
        return new Continuity(
                connections + o.connections,
                withHoles + o.withHoles,
                holes + o.holes,
                missing + o.missing,
                duplicates + o.duplicates,
                behind + o.behind,
                connectionsBehind + o.connectionsBehind);
    }
}
