package io.switchboard.processor;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.observability.StreamsApp;
import io.switchboard.processor.topology.SwitchboardTopology;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's two Kafka Streams apps: the events app ({@code <application id>-events}, at-least-once by default)
 * and the core app ({@code <application id>}). They start together and count as running only when both are; a
 * stream thread that dies in either shuts both down; they close events first.
 */
final class ProcessorApps {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorApps.class);

    private final StreamsApp events;
    private final StreamsApp core;

    private ProcessorApps(StreamsApp events, StreamsApp core) {
        this.events = events;
        this.core = core;
    }

    /** Both apps, created, not started. */
    static ProcessorApps create(ProcessorConfig config) {
        SwitchboardTopology.Topologies topologies = SwitchboardTopology.build(config);
        KafkaStreams events = new KafkaStreams(topologies.events(), StreamsProperties.events(config));
        KafkaStreams core;
        try {
            core = new KafkaStreams(topologies.core(), StreamsProperties.streams(config));
        } catch (RuntimeException e) {
            events.close(Duration.ZERO);
            throw e;
        }
        return new ProcessorApps(new StreamsApp("events", events), new StreamsApp("core", core));
    }

    /** The apps for observability: the core app first, then the events app. */
    List<StreamsApp> all() {
        return List.of(core, events);
    }

    /**
     * Starts both apps and waits until both are {@code RUNNING}.
     *
     * @throws IllegalStateException when either stops while starting or is not running within {@code timeout} (both
     *     are closed then)
     */
    void start(Duration timeout, Duration closeTimeout) {
        CountDownLatch settled = new CountDownLatch(2);
        AtomicReference<KafkaStreams.State> eventsSettled = watch(events, core, settled);
        AtomicReference<KafkaStreams.State> coreSettled = watch(core, events, settled);
        events.streams().start();
        core.streams().start();
        try {
            boolean done = settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (done
                    && eventsSettled.get() == KafkaStreams.State.RUNNING
                    && coreSettled.get() == KafkaStreams.State.RUNNING) {
                return;
            }
            close(closeTimeout);
            throw new IllegalStateException(
                    done
                            ? "the processor stopped while starting, in state " + describe()
                            : "the processor was not running after " + timeout.toSeconds() + " s (" + describe() + ")");
        } catch (InterruptedException e) {
            close(closeTimeout);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the processor", e);
        }
    }

    // The state the app first settles in (RUNNING or stopped), counted down on settled once; a dying stream thread
    // shuts both apps down.
    private static AtomicReference<KafkaStreams.State> watch(StreamsApp app, StreamsApp other, CountDownLatch settled) {
        AtomicReference<KafkaStreams.State> first = new AtomicReference<>();
        app.streams().setStateListener((now, before) -> {
            LOG.info("Processor {} app state {} -> {}", app.name(), before, now);
            boolean settles = now == KafkaStreams.State.RUNNING
                    || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.NOT_RUNNING;
            if (settles && first.compareAndSet(null, now)) {
                settled.countDown();
                if (now != KafkaStreams.State.RUNNING) {
                    settled.countDown(); // no use waiting for the other app
                }
            }
        });
        app.streams().setUncaughtExceptionHandler(e -> {
            LOG.error(
                    "processor-failed: a stream thread of the {} app died; shutting the processor down", app.name(), e);
            other.streams().close(Duration.ZERO); // starts its shutdown without waiting, off this thread's app
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return first;
    }

    /** The worse state of the two: {@code RUNNING} only when both are. */
    KafkaStreams.State state() {
        return all().stream()
                .map(app -> app.streams().state())
                .max(Comparator.comparingInt(ProcessorApps::badness))
                .orElseThrow();
    }

    /** Each app's state, by name. */
    Map<String, KafkaStreams.State> states() {
        return Map.of(
                core.name(),
                core.streams().state(),
                events.name(),
                events.streams().state());
    }

    /** Both apps' metrics; their names never clash (the client ids in their tags differ). */
    Map<MetricName, Metric> metrics() {
        Map<MetricName, Metric> all = new HashMap<>();
        all().forEach(app -> all.putAll(app.streams().metrics()));
        return all;
    }

    /**
     * Closes the events app, then the core app, leaving their groups, each within {@code timeout}.
     *
     * @return whether both closed in time
     */
    boolean close(Duration timeout) {
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout);
        boolean eventsClosed = events.streams().close(options);
        boolean coreClosed = core.streams().close(options);
        return eventsClosed && coreClosed;
    }

    private String describe() {
        return "core " + core.streams().state() + ", events " + events.streams().state();
    }

    private static int badness(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> 0;
            case REBALANCING -> 1;
            case CREATED -> 2;
            case PENDING_SHUTDOWN -> 3;
            case NOT_RUNNING -> 4;
            case PENDING_ERROR -> 5;
            case ERROR -> 6;
        };
    }
}
