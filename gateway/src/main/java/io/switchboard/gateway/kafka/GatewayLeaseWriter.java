package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.config.LeaseConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.GatewayLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this gateway's lease on the compacted {@code <prefix>.gateways}: key the gateway id, value a {@link
 * GatewayLease} {@code {renewedAt: now, expiresAt: now + ttl}}, renewed every interval. A gateway that crashes stops
 * renewing, and the processor purges its connections once the lease expired (no Disconnect ever comes for them). A
 * graceful stop writes a tombstone: nothing to purge.
 *
 * <p>Runs on a daemon thread of its own with its own small producer: nothing here runs on, or blocks, a socket
 * thread. {@link #start()} waits at most 5 s for the first lease and starts the gateway all the same when Kafka does
 * not answer. A lease that cannot be written is logged ({@code lease-renewal-failed}) and counted in {@code
 * switchboard.gateway.failures}; the next renewal goes out all the same.
 */
public final class GatewayLeaseWriter implements Lease {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLeaseWriter.class);
    /** The failure key of a lease (or the final tombstone) that could not be written. */
    static final String FAILURE_KEY = "lease-renewal-failed";
    /** How long {@link #start()} waits for the first lease, and {@link #close()} for the tombstone and the producer. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String gatewayId;
    private final LeaseConfig lease;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final AvroSerde<GatewayLease> serde = SwitchboardSerdes.gatewayLease();
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param producer where leases go; closed by {@link #close()}
     * @param topic the gateways topic
     * @param lease renewal interval and ttl; enabled
     * @param clock gives {@code renewedAt}
     */
    GatewayLeaseWriter(
            Producer<String, byte[]> producer,
            String topic,
            String gatewayId,
            LeaseConfig lease,
            Clock clock,
            GatewayMetrics metrics) {
        if (!lease.enabled()) {
            throw new IllegalArgumentException("the lease interval must be positive");
        }
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
        this.lease = lease;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A writer with its own producer (acks=all, idempotent, the {@code kafka.*} pass-through applied, client id {@code
     * <gateway id>-lease}), or {@link Lease#OFF} when the lease is off (interval 0: the processor never purges this
     * gateway). Call {@link #start()} before the gateway accepts connections.
     */
    public static Lease create(
            KafkaClientConfig kafka, String gatewayId, LeaseConfig lease, Clock clock, GatewayMetrics metrics) {
        if (!lease.enabled()) {
            LOG.info("gateway lease is off (interval 0): the connections of this gateway are never purged");
            return Lease.OFF;
        }
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.producer(kafka, gatewayId + "-lease"),
                new StringSerializer(),
                new ByteArraySerializer());
        return new GatewayLeaseWriter(producer, kafka.topics().gateways(), gatewayId, lease, clock, metrics);
    }

    /**
     * Writes the first lease and waits at most 5 s for Kafka to acknowledge it (logging, not failing, when it does
     * not), then renews it every interval. A second call, or one after {@link #close()}, does nothing.
     */
    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> first = new CompletableFuture<>();
        scheduler.execute(() -> renew(first));
        if (await(first)) {
            LOG.info(
                    "gateway lease of {} on {}: renewed every {} ms, valid {} ms",
                    gatewayId,
                    topic,
                    lease.interval().toMillis(),
                    lease.ttl().toMillis());
        } else {
            LOG.warn("lease-not-confirmed: gateway {}: starting without an acknowledged lease, renewing it", gatewayId);
        }
        long millis = lease.interval().toMillis();
        scheduler.scheduleAtFixedRate(() -> renew(new CompletableFuture<>()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops renewing and writes a tombstone (the gateway stopped gracefully: nothing to purge), then closes the
     * producer; at most about 5 s in all. Call it after the Disconnects of the drained connections were flushed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!started.get()) { // never wrote a lease: nothing to withdraw
            scheduler.shutdownNow();
            producer.close(Duration.ZERO);
            return;
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        CompletableFuture<Void> tombstone = new CompletableFuture<>();
        try {
            // on the lease thread: after a renewal under way, never before it
            scheduler.execute(() -> write(null, tombstone));
        } catch (RejectedExecutionException e) {
            tombstone.complete(null);
        }
        if (!await(tombstone)) {
            LOG.warn(
                    "lease-tombstone-unconfirmed: gateway {}: no acknowledgement within {} ms",
                    gatewayId,
                    WAIT.toMillis());
        }
        scheduler.shutdownNow();
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** On the lease thread: writes {@code {now, now + ttl}} unless closing. */
    private void renew(CompletableFuture<Void> acknowledged) {
        if (closed.get()) {
            acknowledged.complete(null);
            return;
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        write(serde.encode(new GatewayLease(now, now.plus(lease.ttl()))), acknowledged);
    }

    /** On the lease thread: sends a lease, or a tombstone when {@code value} is null; completes when answered. */
    private void write(byte[] value, CompletableFuture<Void> acknowledged) {
        try {
            producer.send(new ProducerRecord<>(topic, gatewayId, value), (metadata, error) -> {
                if (error != null) {
                    failed(value, error);
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(null);
                }
            });
        } catch (RuntimeException e) {
            failed(value, e);
            acknowledged.completeExceptionally(e);
        }
    }

    /** Waits for {@code answered} at most {@link #WAIT}: whether it came in time and was a success. */
    private boolean await(CompletableFuture<Void> answered) {
        try {
            answered.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void failed(byte[] value, Exception error) {
        metrics.failure(FAILURE_KEY);
        LOG.warn(
                "{}: gateway {}: {}: {}",
                FAILURE_KEY,
                gatewayId,
                value == null ? "tombstone" : "lease",
                error.toString());
    }
}
