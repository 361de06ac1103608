package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.OutboundBacklog;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.gateway.subscription.SubscriptionControl;
import io.switchboard.observability.kafka.KafkaMeters;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads output topics and fans their records out to local sessions. It owns the consumer and
 * the {@link ChannelIndex}; subscription changes are commands queued to it and applied between polls (a waiting poll
 * is woken up), which makes activation exact. Records are fanned out by {@link RecordFanOut}, once per gateway.
 * Recovery from a {@code since} runs on the gateway's one {@link RecoveryReader}, which hands each session over to
 * this thread at an exact position ({@link Handover}).
 *
 * <p>When the gateway is behind, that is when the frames waiting in all outbound queues ({@link OutboundBacklog}) pass
 * their bound, this thread stops polling until the writers have halved them: Kafka keeps the messages and latency
 * grows, where queuing on would only end in shedding clients that read. Meanwhile commands still run. Every {@link
 * #SWEEP_INTERVAL} the subscribers whose own sockets stalled over their bounds are shed, so a dead reader neither keeps
 * its queue nor holds the gateway back.
 */
public final class DeliveryConsumer implements SubscriptionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How long a failed poll waits before the next, so that a lasting failure is no busy loop. */
    private static final Duration POLL_FAILURE_PAUSE = POLL_TIMEOUT;
    /** How often a held-back consumer looks at the backlog again (and runs the commands that came). */
    private static final Duration HOLD_CHECK = Duration.ofMillis(5);
    /**
     * How often the sessions are looked over for stalled ones to shed: a queue goes over its bounds while its writer
     * still waits within the grace, and may get no further offer (the burst ended, or reading is held back).
     */
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(200);

    private static final Duration HOLD_LOG_INTERVAL = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutputTopics topics;
    private final OutputAssignment assignment;
    private final RecordFanOut fanOut;
    private final RecoveryReader recovery;
    private final Activations activations;
    private final ChannelIndex<Session> index = new ChannelIndex<>();
    private final GatewayMetrics metrics;
    private final OutboundBacklog backlog;
    private final long maxBacklogBytes;
    /** Whether reading is held back; delivery thread only. */
    private boolean holding;

    private long lastSweepNanos;
    private long lastHoldLogNanos = System.nanoTime() - HOLD_LOG_INTERVAL.toNanos();
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final PollLoop<byte[], byte[]> loop;
    private volatile boolean polling;

    /**
     * @param metrics where the fan-out and the delivery latency are counted
     * @param backlog the bytes waiting in all outbound queues
     * @param maxBacklogBytes the backlog past which reading Kafka is held back until it has halved
     * @param batchWait how long records may gather in Kafka before a fetch takes them
     */
    public DeliveryConsumer(
            KafkaClientConfig config,
            String gatewayId,
            GatewayMetrics metrics,
            OutboundBacklog backlog,
            long maxBacklogBytes,
            Duration batchWait) {
        this.metrics = metrics;
        this.backlog = backlog;
        this.maxBacklogBytes = maxBacklogBytes;
        this.consumer = new KafkaConsumer<>(
                ClientProperties.consumer(config, gatewayId + "-deliveries", batchWait),
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
        this.loop = new PollLoop<>("gateway-deliveries", consumer, this::step, "deliveries-failed", topics::close);
        this.assignment = new OutputAssignment(consumer, topics, loop::running);
        LiveSources sources = new LiveSources();
        this.fanOut = new RecordFanOut(index, assignment::byTopic, sources, metrics);
        this.activations = new Activations(assignment, index, recovery, sources, metrics);
        metrics.bindSubscriptions(index::subscriptionCount, index::channelCount);
    }

    /** Publishes the metrics of the delivery consumer ({@code kafka.consumer.*}); close the binding before this. */
    public KafkaMeters.Binding bindMeters(KafkaMeters meters) {
        return meters.bind(consumer);
    }

    public void start() {
        loop.start();
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
            loop.wakeup();
        }
    }

    /** One turn of the delivery thread; the loop logs a failure and goes on, so delivery never stops for everyone. */
    private void step() throws InterruptedException {
        runCommands();
        sweepIfDue();
        if (assignment.isEmpty()) {
            runCommand(commands.poll(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } else if (behind()) {
            holdBack();
        } else {
            fanOut.fanOut(poll());
        }
    }

    /** Whether the writers are too far behind to queue more: past the bound, and until they halved it. */
    private boolean behind() {
        long bytes = backlog.bytes();
        if (!holding && bytes > maxBacklogBytes) {
            holding = true;
            long now = System.nanoTime();
            if (now - lastHoldLogNanos >= HOLD_LOG_INTERVAL.toNanos()) {
                lastHoldLogNanos = now;
                LOG.info(
                        "deliveries-held: {} bytes wait for sockets (bound {}): reading Kafka until writers halve them",
                        bytes,
                        maxBacklogBytes);
            }
        } else if (holding && bytes <= maxBacklogBytes / 2) {
            holding = false;
        }
        return holding;
    }

    /** Waits a moment without polling, running the commands that come. */
    private void holdBack() throws InterruptedException {
        long start = System.nanoTime();
        runCommand(commands.poll(HOLD_CHECK.toMillis(), TimeUnit.MILLISECONDS));
        metrics.deliveriesHeld(System.nanoTime() - start);
    }

    /** Sheds the subscribers whose queues are over their bounds while their sockets take nothing. */
    private void sweepIfDue() {
        long now = System.nanoTime();
        if (now - lastSweepNanos >= SWEEP_INTERVAL.toNanos()) {
            lastSweepNanos = now;
            index.forEachSubscriber(Session::shedIfStalled);
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
            return commands.isEmpty() ? loop.poll(POLL_TIMEOUT, POLL_FAILURE_PAUSE) : ConsumerRecords.empty();
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
        loop.close();
    }
}
