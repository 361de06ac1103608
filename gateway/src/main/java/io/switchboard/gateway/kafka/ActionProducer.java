package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.config.OutageConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.routing.ActionSink;
import io.switchboard.observability.kafka.KafkaMeters;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ClientAction;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes client actions to the actions topic. {@code send} can block on metadata (up to {@code max.block.ms}), so
 * it runs on one dedicated thread, never on a socket I/O thread; one thread also keeps the actions of a connection
 * in order.
 *
 * <p>An action fails at once, without waiting, while Kafka is unreachable ({@link KafkaReachability}) and when the
 * actions not yet acknowledged already fill their bounds ({@link OutageConfig}: count and serialized bytes); the
 * caller then answers {@code unavailable}. Actions accepted just before an outage was noticed fail after the
 * producer's {@code delivery.timeout.ms} at the latest.
 */
public final class ActionProducer implements ActionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionProducer.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AvroSerde<ClientAction> serde = SwitchboardSerdes.clientAction();
    private final PendingActions pending;
    private final KafkaReachability reachability;
    private final GatewayMetrics metrics;
    /** Whether the last action was refused: refusals are logged once per run of them. */
    private final AtomicBoolean refusing = new AtomicBoolean();

    private final ExecutorService sender = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), // bounded by the pending actions
            runnable -> new Thread(runnable, "gateway-actions"),
            new ThreadPoolExecutor.AbortPolicy());

    public ActionProducer(
            KafkaClientConfig config,
            String gatewayId,
            OutageConfig outage,
            KafkaReachability reachability,
            GatewayMetrics metrics) {
        this.producer = new KafkaProducer<>(
                ClientProperties.producer(config, gatewayId + "-actions"),
                new StringSerializer(),
                new ByteArraySerializer());
        this.topic = config.topics().actions();
        this.pending = new PendingActions(outage.maxPendingActions(), outage.maxPendingBytes());
        this.reachability = reachability;
        this.metrics = metrics;
    }

    /** Publishes the producer's metrics ({@code kafka.producer.*}); close the binding before this producer. */
    public KafkaMeters.Binding bindMeters(KafkaMeters meters) {
        return meters.bind(producer);
    }

    @Override
    public void forward(ClientAction action, Runnable onFailure) {
        forward(action.getUserId() != null ? action.getUserId() : action.getConnectionId(), action, onFailure);
    }

    @Override
    public void forward(String key, ClientAction action, Runnable onFailure) {
        if (!reachability.reachable()) {
            refuse("Kafka is unreachable", onFailure);
            return;
        }
        byte[] value = serde.encode(action);
        if (!pending.tryAcquire(value.length)) {
            refuse(pending.actions() + " actions (" + pending.bytes() + " bytes) wait for Kafka", onFailure);
            return;
        }
        try {
            sender.execute(() -> send(key, action, value, onFailure));
        } catch (RejectedExecutionException e) {
            pending.release(value.length);
            refuse("the gateway is stopping", onFailure);
            return;
        }
        if (refusing.compareAndSet(true, false)) {
            LOG.info("action-accepted: handing actions to Kafka again");
        }
    }

    private void refuse(String why, Runnable onFailure) {
        metrics.failure("action-refused");
        if (refusing.compareAndSet(false, true)) {
            LOG.warn("action-refused: {}; answering 'unavailable' until actions can be taken again", why);
        }
        onFailure.run();
    }

    private void send(String key, ClientAction action, byte[] value, Runnable onFailure) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                pending.release(value.length);
                if (error != null) {
                    failed(key, action, error, onFailure);
                }
            });
        } catch (RuntimeException e) {
            pending.release(value.length);
            failed(key, action, e, onFailure);
        }
    }

    private void failed(String key, ClientAction action, Throwable error, Runnable onFailure) {
        metrics.failure("action-failed");
        LOG.warn("action-failed: {} of {}: {}", actionName(action), key, error.toString());
        onFailure.run();
    }

    private static String actionName(ClientAction action) {
        return action.getAction().getClass().getSimpleName();
    }

    /** Sends what was handed over, then flushes and closes the producer, within 10 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Sends what was handed over, then flushes and closes the producer, within about {@code timeout}. */
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(timeout.toNanos() / 2, TimeUnit.NANOSECONDS)) {
                LOG.warn(
                        "action-close: {} actions not handed to the producer",
                        sender.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
