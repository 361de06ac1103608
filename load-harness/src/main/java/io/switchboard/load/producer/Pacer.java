package io.switchboard.load.producer;

/**
 * How many events are due after a number of whole milliseconds at a given rate. The producer sends, at each
 * millisecond tick, every event due by then in one batch: sleeping per message cannot keep a rate above a few
 * hundred a second (a sleep lasts at least ~60 µs and often a whole scheduler tick), while ticks of 1 ms keep the
 * schedule exact and catch up after a stall instead of drifting. At low rates the producer sleeps straight to the
 * tick of the next event rather than waking every millisecond for nothing.
 */
public final class Pacer {
    private final long perSecond;
    private final long total;

    /** {@code perSecond} events a second, {@code total} in all. */
    public Pacer(long perSecond, long total) {
        if (perSecond < 1 || total < 0) {
            throw new IllegalArgumentException("rate must be positive, total not negative");
        }
        this.perSecond = perSecond;
        this.total = total;
    }

    /** Events due once {@code elapsedMillis} milliseconds have passed (never more than the total). */
    public long dueBy(long elapsedMillis) {
        return Math.min(total, Math.multiplyExact(perSecond, elapsedMillis) / 1000);
    }

    /** The first whole millisecond at which event number {@code n} (1 for the first) is due. */
    public long tickOf(long n) {
        return -Math.floorDiv(-Math.multiplyExact(n, 1000L), perSecond);
    }

    public long total() {
        return total;
    }
}
