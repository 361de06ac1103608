package io.switchboard.gateway.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.xnio.XnioIoThread;

/**
 * How far behind each XNIO I/O thread is: every probe interval a small task is queued to each thread and the time it
 * waited is kept; a probe still waiting counts as it stands. An I/O thread runs every queued task before it selects
 * again, so under a flood of writes its own timers are late too; the probes come from a thread of their own.
 *
 * <p>The lag of a connection's thread is what its writer may wait for a turn, which a stalled socket must be told from
 * ({@link io.switchboard.gateway.session.StallWatch}). Each thread's lag is the largest of its last {@value #KEPT}
 * probes, so one quick probe between slow ones does not hide the backlog.
 */
final class IoThreadLag implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final int KEPT = 20;

    private final Map<XnioIoThread, Probe> probes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-io-lag");
        thread.setDaemon(true);
        return thread;
    });

    IoThreadLag() {
        timer.scheduleAtFixedRate(
                () -> probes.values().forEach(Probe::send),
                INTERVAL.toMillis(),
                INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The lag of this I/O thread in nanoseconds, probed from now on. */
    LongSupplier of(XnioIoThread thread) {
        return probes.computeIfAbsent(thread, Probe::new)::lagNanos;
    }

    /** The largest lag of any I/O thread probed, in nanoseconds. */
    long maxNanos() {
        long max = 0;
        for (Probe probe : probes.values()) {
            max = Math.max(max, probe.lagNanos());
        }
        return max;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Probe {
        private static final long IDLE = Long.MIN_VALUE;

        private final XnioIoThread thread;
        /** When the probe in the thread's queue was sent, or IDLE. */
        private volatile long sentAt = IDLE;
        /** The largest of the last KEPT waits; written by the I/O thread. */
        private volatile long recentMax;
        /** The last KEPT waits; I/O thread only. */
        private final long[] waits = new long[KEPT];

        private int next;

        Probe(XnioIoThread thread) {
            this.thread = thread;
        }

        void send() {
            if (sentAt != IDLE) {
                return; // the last one is still waiting: it measures the lag as it grows
            }
            long sent = System.nanoTime();
            sentAt = sent;
            try {
                thread.execute(() -> arrived(System.nanoTime() - sent));
            } catch (RuntimeException e) {
                sentAt = IDLE; // the thread is stopping
            }
        }

        private void arrived(long waited) {
            waits[next] = waited;
            next = (next + 1) % KEPT;
            long max = 0;
            for (long wait : waits) {
                max = Math.max(max, wait);
            }
            recentMax = max;
            sentAt = IDLE;
        }

        long lagNanos() {
            long sent = sentAt;
            long waiting = sent == IDLE ? 0 : System.nanoTime() - sent;
            return Math.max(waiting, recentMax);
        }
    }
}
