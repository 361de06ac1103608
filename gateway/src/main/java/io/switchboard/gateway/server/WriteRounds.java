package io.switchboard.gateway.server;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioIoThread;

/**
 * The writing turns of each I/O thread's connections, taken in rounds: one task per round writes a batch to every
 * connection that has frames waiting, in the order they asked.
 *
 * <p>Why rounds: an XNIO I/O thread runs every task in its queue before it selects (reads) or runs a timer, and runs
 * its timers only once that queue is empty. With a task per connection, queued by the delivery thread as each record
 * fans out, a busy gateway's queue never ran empty: reads and timers waited, and a connection whose next batch waited
 * for a timer waited seconds (measured: 17.8 s at 10 000 clients × 10 events a second). Here a round that leaves
 * connections with frames still waiting (they came in while it wrote) is set as a timer of the smallest delay: the
 * queue runs empty, the thread selects, and the next round follows at once.
 */
final class WriteRounds {
    private final Map<XnioIoThread, Round> rounds = new ConcurrentHashMap<>();

    /** A connection's writing turn: writes its next batch, on the I/O thread. */
    interface Turn {
        void writeTurn();
    }

    /** The rounds of this I/O thread. */
    Round of(XnioIoThread thread) {
        return rounds.computeIfAbsent(thread, Round::new);
    }

    /** One I/O thread's rounds. Thread-safe: connections ask from any thread, rounds run on the I/O thread. */
    static final class Round implements Runnable {
        private static final Logger LOG = LoggerFactory.getLogger(Round.class);
        /** The smallest timer: the thread selects before the next round. */
        private static final long NEXT_ROUND_DELAY_MS = 1;

        private final XnioIoThread thread;
        private final Queue<Turn> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waitingCount = new AtomicInteger();
        /** Whether a round is queued, set as a timer, or running (and will see what was added meanwhile). */
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Round(XnioIoThread thread) {
            this.thread = thread;
        }

        /** The connection has frames to write: its turn comes in the next round (at once when none is due). */
        void add(Turn turn) {
            waiting.add(turn); // queued before counted: a round never counts a turn it cannot take
            waitingCount.incrementAndGet();
            if (scheduled.compareAndSet(false, true)) {
                submit(false);
            }
        }

        /** Writes one batch to each connection that waited when the round began; later ones wait for the next. */
        @Override
        public void run() {
            for (int turns = waitingCount.get(); turns > 0; turns--) {
                Turn turn = waiting.poll();
                waitingCount.decrementAndGet();
                try {
                    turn.writeTurn();
                } catch (RuntimeException e) {
                    LOG.error("write-turn-failed: {}", turn, e);
                }
            }
            if (waitingCount.get() > 0) {
                submit(true);
                return;
            }
            scheduled.set(false);
            // a connection that asked after the count above and before the flag was cleared saw a round scheduled
            if (waitingCount.get() > 0 && scheduled.compareAndSet(false, true)) {
                submit(true);
            }
        }

        private void submit(boolean afterSelect) {
            try {
                if (afterSelect) {
                    thread.executeAfter(this, NEXT_ROUND_DELAY_MS, TimeUnit.MILLISECONDS);
                } else {
                    thread.execute(this);
                }
            } catch (RejectedExecutionException e) {
                LOG.debug("write round refused: the I/O thread is stopping");
            }
        }
    }
}
