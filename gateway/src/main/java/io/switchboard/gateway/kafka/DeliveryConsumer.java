package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.gateway.subscription.SubscriptionControl;
import io.switchboard.observability.kafka.KafkaMeters;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads output topics and fans their records out to local sessions. It owns the consumer and
 * the {@link ChannelIndex}; subscription changes are commands queued to it and applied between polls (a waiting poll
 * is woken up), which makes activation exact. Records are fanned out by {@link RecordFanOut}, once per gateway.
 * Recovery from a {@code since} runs on the gateway's one {@link RecoveryReader}, which hands each session over to
 * this thread at an exact position ({@link Handover}).
 */
public final class DeliveryConsumer implements SubscriptionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutputTopics topics;
    private final OutputAssignment assignment;
    private final RecordFanOut fanOut;
    private final RecoveryReader recovery;
    private final Activations activations;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread = new Thread(this::run, "gateway-deliveries");
    private volatile boolean running = true;
    private volatile boolean polling;

    /** @param metrics where the fan-out and the delivery latency are counted */
    public DeliveryConsumer(KafkaClientConfig config, String gatewayId, GatewayMetrics metrics) {
        this.consumer = new KafkaConsumer<>(
                ClientProperties.consumer(config, gatewayId + "-deliveries"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            this.topics = new OutputTopics(
                    Admin.create(ClientProperties.admin(config, gatewayId + "-admin")), config.topics());
            this.recovery = new RecoveryReader(
                    new KafkaConsumer<>(
                            ClientProperties.recoveryConsumer(config, gatewayId + "-recovery"),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer()),
                    new CommandHandover());
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        this.assignment = new OutputAssignment(consumer, topics, () -> running);
        ChannelIndex<Session> index = new ChannelIndex<>();
        this.fanOut = new RecordFanOut(index, assignment::byTopic, metrics);
        this.activations = new Activations(assignment, index, recovery, metrics);
        metrics.bindSubscriptions(index::subscriptionCount, index::channelCount);
    }

    /** Publishes the metrics of the delivery consumer ({@code kafka.consumer.*}); close the binding before this. */
    public KafkaMeters.Binding bindMeters(KafkaMeters meters) {
        return meters.bind(consumer);
    }

    public void start() {
        thread.start();
        recovery.start();
    }

    @Override
    public void activate(
            Session session,
            String channel,
            Position since,
            Consumer<Activation> onActive,
            Consumer<String> onFailure) {
        submit(() -> activations.activate(session, channel, since, onActive, onFailure));
    }

    @Override
    public void deactivate(Session session, String channel, Runnable then) {
        submit(() -> {
            activations.deactivate(session, channel);
            if (then != null) {
                then.run();
            }
        });
    }

    @Override
    public void removeSession(Session session) {
        submit(() -> activations.removeSession(session));
    }

    private void submit(Runnable command) {
        commands.add(command);
        if (polling) {
            consumer.wakeup();
        }
    }

    private void run() {
        try {
            while (running) {
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            topics.close();
        }
    }

    private void step() throws InterruptedException {
        try {
            runCommands();
            if (assignment.isEmpty()) {
                runCommand(commands.poll(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                fanOut.fanOut(poll());
            }
        } catch (RuntimeException e) {
            // never let one bad record or command stop delivery to everyone
            LOG.error("deliveries-failed: continuing", e);
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            runCommand(command);
        }
    }

    private void runCommand(Runnable command) {
        if (command == null) {
            return;
        }
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.error("command-failed: subscription change failed", e);
        }
    }

    /** Polls unless a command is waiting; a command arriving during the poll wakes it up. */
    private ConsumerRecords<byte[], byte[]> poll() {
        polling = true;
        try {
            return commands.isEmpty() ? consumer.poll(POLL_TIMEOUT) : ConsumerRecords.empty();
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        } catch (KafkaException e) {
            LOG.warn("poll-failed: {}", e.toString());
            LockSupport.parkNanos(POLL_TIMEOUT.toNanos()); // no busy loop while the failure lasts
            return ConsumerRecords.empty();
        } finally {
            polling = false;
        }
    }

    /** The recovery thread's requests, applied as commands on this thread. */
    private final class CommandHandover implements Handover {
        @Override
        public void activateAt(RecoveryJob job, long position) {
            submit(() -> activations.activateAt(job, position));
        }

        @Override
        public void activateNow(RecoveryJob job) {
            submit(() -> activations.activateNow(job));
        }

        @Override
        public void abandon(RecoveryJob job) {
            submit(() -> activations.abandon(job));
        }
    }

    /** Stops the recovery thread, then this thread, and closes their consumers. */
    @Override
    public void close() {
        recovery.close();
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            topics.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
