package io.switchboard.gateway.session;

import io.switchboard.gateway.protocol.CloseReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} without a socket: records writer starts and closes, keeps the one scheduled task until the
 * test runs it, and runs blocking tasks at once.
 */
public class RecordingTransport implements Transport {
    public int writerStarts;
    public OutboundQueue queue;
    public final List<CloseReason> closes = new ArrayList<>();
    public Runnable scheduled;
    public Duration scheduledDelay;
    public int blockingTasks;

    @Override
    public void startWriting(OutboundQueue queue) {
        writerStarts++;
        this.queue = queue;
    }

    @Override
    public void close(CloseReason reason) {
        closes.add(reason);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        scheduled = task;
        scheduledDelay = delay;
    }

    @Override
    public void runBlocking(Runnable task) {
        blockingTasks++;
        task.run();
    }

    /** Runs the scheduled task, as the timer would once its delay has passed. */
    public void runScheduled() {
        Runnable task = scheduled;
        scheduled = null;
        scheduledDelay = null;
        task.run();
    }
}
