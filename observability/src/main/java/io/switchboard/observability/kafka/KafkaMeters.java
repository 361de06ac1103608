package io.switchboard.observability.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the metrics of Kafka clients in a meter registry through Micrometer's Kafka binders: a producer's as
 * {@code kafka.producer.*}, a consumer's as {@code kafka.consumer.*} (Prometheus: {@code kafka_producer_...}), each
 * tagged with its {@code client.id}; Kafka Streams through {@link KafkaStreamsObservability#bind}.
 *
 * <p>Metrics a client creates later (per topic, per partition, per broker node) are picked up at each refresh; every
 * binding shares one daemon thread for that. Close a binding before closing its client (its meters leave the
 * registry); {@link #close()} closes every binding still open and stops the thread.
 *
 * <pre>{@code
 * KafkaMeters kafkaMeters = new KafkaMeters(registry);
 * KafkaMeters.Binding bound = kafkaMeters.bind(producer);
 * ...
 * bound.close();
 * producer.close();
 * }</pre>
 */
public final class KafkaMeters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMeters.class);

    /** How often bindings look for metrics the clients created since. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final Duration refreshInterval;
    private final ScheduledExecutorService refresher;
    private final Set<Binding> bindings = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    public KafkaMeters(MeterRegistry registry) {
        this(registry, DEFAULT_REFRESH_INTERVAL);
    }

    /** @param refreshInterval how often to look for metrics the clients created since binding */
    public KafkaMeters(MeterRegistry registry, Duration refreshInterval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive");
        }
        this.refreshInterval = refreshInterval;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-meters-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Binding bind(Producer<?, ?> producer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(producer, Tags.empty(), refresher, refreshInterval);
        return bind(binder, binder::close);
    }

    public Binding bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer, Tags.empty(), refresher, refreshInterval);
        return bind(binder, binder::close);
    }

    public Binding bind(AdminClient admin) {
        KafkaClientMetrics binder = new KafkaClientMetrics(admin, Tags.empty(), refresher, refreshInterval);
        return bind(binder, binder::close);
    }

    /**
     * Binds a Micrometer Kafka binder built on {@link #refresher()} and {@link #refreshInterval()}.
     *
     * @param unbind closes the binder (removes its meters)
     */
    Binding bind(MeterBinder binder, Runnable unbind) {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        binder.bindTo(registry);
        Binding binding = new Binding(unbind);
        bindings.add(binding);
        return binding;
    }

    ScheduledExecutorService refresher() {
        return refresher;
    }

    Duration refreshInterval() {
        return refreshInterval;
    }

    /** Closes every binding still open (their meters leave the registry) and stops the refresh thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Binding binding : List.copyOf(bindings)) {
            binding.close();
        }
        refresher.shutdownNow();
    }

    /** The meters of one client; {@link #close()} removes them from the registry. */
    public final class Binding implements AutoCloseable {
        private final Runnable unbind;
        private final AtomicBoolean unbound = new AtomicBoolean();

        private Binding(Runnable unbind) {
            this.unbind = unbind;
        }

        /** Removes this client's meters; a second call does nothing. */
        @Override
        public void close() {
            if (!unbound.compareAndSet(false, true)) {
                return;
            }
            bindings.remove(this);
            try {
                unbind.run();
            } catch (RuntimeException e) {
                LOG.warn("kafka-meters-unbind-failed: {}", e.toString());
            }
        }
    }
}
