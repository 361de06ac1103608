package io.switchboard.launcher.cli;

import io.switchboard.client.Message;
import io.switchboard.client.SwitchboardClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard connect --ack}: acknowledges the messages the command printed, so that their publishers get
 * delivery receipts and the personal channel's offline cursor moves. An ack confirms everything up to its offset, so
 * once per {@link #INTERVAL} it sends one ack per channel, for the highest offset printed since, and at most {@link
 * #MOST_PER_INTERVAL} of them (the others wait for the next round, oldest first): a busy channel never runs into the
 * gateway's rate limit, which acks share with publishes (10 a second after a burst). Thread-safe.
 */
final class ConnectAcks implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int MOST_PER_INTERVAL = 5;

    private final SwitchboardClient client;
    /** The highest offset printed and not acknowledged yet, per channel, the longest waiting first. */
    private final Map<String, Long> unacknowledged = new LinkedHashMap<>();

    private final ScheduledExecutorService rounds;

    ConnectAcks(SwitchboardClient client) {
        this.client = client;
        this.rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-connect-acks");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(
                () -> send(MOST_PER_INTERVAL), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code message} was printed: it is acknowledged in the next round. */
    synchronized void printed(Message message) {
        unacknowledged.merge(message.channel(), message.offset(), Math::max);
    }

    /** Stops the rounds and acknowledges everything printed (before the connection closes). */
    @Override
    public void close() {
        rounds.shutdownNow();
        send(Integer.MAX_VALUE);
    }

    private void send(int most) {
        List<Map.Entry<String, Long>> due = new ArrayList<>();
        synchronized (this) {
            Iterator<Map.Entry<String, Long>> oldestFirst =
                    unacknowledged.entrySet().iterator();
            while (oldestFirst.hasNext() && due.size() < most) {
                due.add(Map.Entry.copyOf(oldestFirst.next()));
                oldestFirst.remove();
            }
        }
        due.forEach(ack -> client.ack(ack.getKey(), ack.getValue()));
    }
}
