package io.switchboard.gateway.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.metrics.ConnectionsSummary;
import io.switchboard.gateway.metrics.ConnectionsSummary.State;
import io.switchboard.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link ConnectionsSummary} of this gateway every interval as a domain event to {@code
 * switchboard.events}: {@code {"channel":"connections","event":"gateway_summary","data":{...}}}, keyed by the
 * gateway id. The processor routes it like any event, so subscribers of {@code connections} (admins under the default
 * policy) get every gateway's summary.
 *
 * <p>Runs on a daemon thread of its own with its own small producer: nothing here ever runs on, or blocks, a socket
 * thread. A summary that cannot be sent is logged ({@code connections-summary-failed}) and counted in {@code
 * switchboard.gateway.failures}; the next one goes out all the same. {@link #draining()} sends one with state {@code
 * draining} at once, {@link #close()} a last one with state {@code stopped} (waiting a few seconds for it).
 */
public final class ConnectionsSummaryPublisher implements ConnectionsSummaries {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsSummaryPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CHANNEL = "connections";
    static final String EVENT = "gateway_summary";
    /** The failure key of a summary that could not be built or sent. */
    static final String FAILURE_KEY = "connections-summary-failed";
    /** How long {@link #close()} waits for the last summary, then for the producer. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String gatewayId;
    private final ConnectionsSummary summary;
    private final Duration interval;
    private final BooleanSupplier ready;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Only read and written on the scheduler thread. */
    private State state = State.SERVING;

    /**
     * @param producer where summaries go; closed by {@link #close()}
     * @param topic the events topic
     * @param summary of this gateway, whose id keys the summaries
     * @param interval between two summaries; positive
     * @param ready this gateway's readiness now (read on the publisher's thread)
     */
    ConnectionsSummaryPublisher(
            Producer<String, byte[]> producer,
            String topic,
            ConnectionsSummary summary,
            Duration interval,
            BooleanSupplier ready,
            GatewayMetrics metrics) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the summary interval must be positive");
        }
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.gatewayId = summary.gatewayId();
        this.interval = interval;
        this.ready = Objects.requireNonNull(ready, "ready");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-connections-summary");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A publisher with its own producer (acks=all, idempotent, the {@code kafka.*} pass-through applied, client id
     * {@code <gateway id>-connections-summary}), or {@link ConnectionsSummaries#OFF} when {@code interval} is zero
     * (summaries off). Call {@link #start()} once the gateway serves.
     */
    public static ConnectionsSummaries create(
            KafkaClientConfig kafka,
            ConnectionsSummary summary,
            Duration interval,
            BooleanSupplier ready,
            GatewayMetrics metrics) {
        if (interval.isZero()) {
            LOG.info("connections summaries are off (interval 0)");
            return ConnectionsSummaries.OFF;
        }
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.producer(kafka, summary.gatewayId() + "-connections-summary"),
                new StringSerializer(),
                new ByteArraySerializer());
        return new ConnectionsSummaryPublisher(producer, kafka.topics().events(), summary, interval, ready, metrics);
    }

    /** Sends a summary every interval from now on, the first one interval from now. A second call does nothing. */
    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(() -> publish(null), millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("connections summary of {} to {} every {} ms", gatewayId, topic, millis);
    }

    /** The gateway has begun to drain: every later summary says {@code draining}; one goes out now. */
    @Override
    public void draining() {
        if (!closed.get()) {
            submit(State.DRAINING);
        }
    }

    /** Stops the schedule, sends a last summary ({@code stopped}), and closes the producer; each waits at most 5 s. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> last = submit(State.STOPPED);
        try {
            last.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: the last summary was not sent within {} ms", FAILURE_KEY, CLOSE_WAIT.toMillis());
        }
        scheduler.shutdownNow();
        producer.close(CLOSE_WAIT);
    }

    private Future<?> submit(State next) {
        try {
            return scheduler.submit(() -> publish(next));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** On the scheduler thread: moves to {@code next} (unless null) and sends one summary. */
    private void publish(State next) {
        if (next != null) {
            state = next;
        }
        try {
            ObjectNode event = JSON.createObjectNode();
            event.put("channel", CHANNEL);
            event.put("event", EVENT);
            event.set("data", summary.next(state, state == State.SERVING && ready.getAsBoolean()));
            byte[] value = JSON.writeValueAsBytes(event);
            producer.send(new ProducerRecord<>(topic, gatewayId, value), (metadata, error) -> {
                if (error != null) {
                    failed(error);
                }
            });
            if (next == State.STOPPED) {
                producer.flush(); // the callback has run when this returns; close() waits for it, bounded
            }
        } catch (RuntimeException | JsonProcessingException e) {
            failed(e);
        }
    }

    private void failed(Exception error) {
        metrics.failure(FAILURE_KEY);
        LOG.warn("{}: gateway {}: {}", FAILURE_KEY, gatewayId, error.toString());
    }
}
