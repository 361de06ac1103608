package io.switchboard.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one consumer (delivery, replies, recovery): runs one turn of its work after another until {@link
 * #close}, which wakes up a waiting call, then closes the consumer. A turn that fails is logged with the loop's
 * failure key and the loop goes on: one bad record or command must not stop the thread for everyone. An {@link Error}
 * ends the thread, as it would any other.
 */
final class PollLoop<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    /** How long closing the consumer may take to leave cleanly. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close} waits for the thread to end (a turn in progress, then the consumer's close). */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    /** One turn of the loop's work. */
    interface Turn {
        void run() throws InterruptedException;
    }

    private final Consumer<K, V> consumer;
    private final String failureKey;
    private final Runnable afterClose;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param threadName the thread's name, as thread dumps show it
     * @param failureKey the stable log key of a failed turn or poll
     * @param afterClose what to close after the consumer (nothing: {@code () -> {}})
     */
    PollLoop(String threadName, Consumer<K, V> consumer, Turn turn, String failureKey, Runnable afterClose) {
        this.consumer = consumer;
        this.failureKey = failureKey;
        this.afterClose = afterClose;
        this.thread = new Thread(() -> run(turn), threadName);
    }

    void start() {
        thread.start();
    }

    /** False once {@link #close} has begun. */
    boolean running() {
        return running;
    }

    /**
     * One poll: empty when woken up (by {@link #close}, or by the owner to run a command), or when it failed, which is
     * logged and followed by {@code failurePause} so that a lasting failure is no busy loop.
     */
    ConsumerRecords<K, V> poll(Duration timeout, Duration failurePause) {
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        } catch (KafkaException e) {
            LOG.warn("{}: {}; retrying", failureKey, e.toString());
            LockSupport.parkNanos(failurePause.toNanos());
            return ConsumerRecords.empty();
        }
    }

    /** Wakes up a waiting poll, for the owner's command queue; from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    private void run(Turn turn) {
        try {
            while (running) {
                try {
                    turn.run();
                } catch (WakeupException e) {
                    // close() or a command woke up a call other than poll: the loop looks at running
                } catch (RuntimeException e) {
                    LOG.error("{}: continuing", failureKey, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeClients();
        }
    }

    /** Stops the thread and closes the consumer (at once when the thread never started). */
    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            closeClients();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        afterClose.run();
    }
}
