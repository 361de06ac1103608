package io.switchboard.processor;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.observability.StreamsApp;
import io.switchboard.processor.topology.SwitchboardTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's three Kafka Streams apps: the core app ({@code <application id>}), the events app ({@code
 * <application id>-events}, at-least-once by default) and the read-back app ({@code <application id>-readback}). They
 * start together and count as running only when all are; a stream thread that dies in any shuts them all down; they
 * close events first (nothing more is routed), then read-back, then core.
 */
final class ProcessorApps {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorApps.class);

    /** In the order they close: events, read-back, core. */
    private final List<StreamsApp> apps;
    /** The same, in the order observability lists them: core, events, read-back. */
    private final List<StreamsApp> observed;

    private ProcessorApps(StreamsApp events, StreamsApp readBack, StreamsApp core) {
        this.apps = List.of(events, readBack, core);
        this.observed = List.of(core, events, readBack);
    }

    /** Every app, created, not started. */
    static ProcessorApps create(ProcessorConfig config) {
        SwitchboardTopology.Topologies topologies = SwitchboardTopology.build(config);
        List<StreamsApp> created = new ArrayList<>();
        try {
            created.add(
                    new StreamsApp("events", new KafkaStreams(topologies.events(), StreamsProperties.events(config))));
            created.add(new StreamsApp(
                    "readback", new KafkaStreams(topologies.readBack(), StreamsProperties.readBack(config))));
            created.add(new StreamsApp("core", new KafkaStreams(topologies.core(), StreamsProperties.streams(config))));
        } catch (RuntimeException e) {
            created.forEach(app -> app.streams().close(Duration.ZERO));
            throw e;
        }
        return new ProcessorApps(created.get(0), created.get(1), created.get(2));
    }

    /** The apps for observability: the core app first, then the events app, then the read-back app. */
    List<StreamsApp> all() {
        return observed;
    }

    /**
     * Starts every app and waits until all are {@code RUNNING}.
     *
     * @throws IllegalStateException when any stops while starting or is not running within {@code timeout} (all are
     *     closed then)
     */
    void start(Duration timeout, Duration closeTimeout) {
        CountDownLatch settled = new CountDownLatch(apps.size());
        List<AtomicReference<KafkaStreams.State>> firstStates =
                apps.stream().map(app -> watch(app, settled)).toList();
        apps.forEach(app -> app.streams().start());
        try {
            boolean done = settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (done && firstStates.stream().allMatch(state -> state.get() == KafkaStreams.State.RUNNING)) {
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
    // shuts every app down.
    private AtomicReference<KafkaStreams.State> watch(StreamsApp app, CountDownLatch settled) {
        AtomicReference<KafkaStreams.State> first = new AtomicReference<>();
        app.streams().setStateListener((now, before) -> {
            LOG.info("Processor {} app state {} -> {}", app.name(), before, now);
            boolean settles = now == KafkaStreams.State.RUNNING
                    || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.NOT_RUNNING;
            if (!settles) {
                return;
            }
            boolean firstSettled = first.compareAndSet(null, now);
            if (now != KafkaStreams.State.RUNNING) {
                while (settled.getCount() > 0) {
                    settled.countDown(); // no use waiting for the others
                }
            } else if (firstSettled) {
                settled.countDown();
            }
        });
        app.streams().setUncaughtExceptionHandler(e -> {
            LOG.error(
                    "processor-failed: a stream thread of the {} app died; shutting the processor down", app.name(), e);
            for (StreamsApp other : apps) {
                if (other != app) {
                    other.streams().close(Duration.ZERO); // starts its shutdown without waiting, off this thread's app
                }
            }
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return first;
    }

    /** The worst state of the apps: {@code RUNNING} only when all are. */
    KafkaStreams.State state() {
        return apps.stream()
                .map(app -> app.streams().state())
                .max(Comparator.comparingInt(ProcessorApps::badness))
                .orElseThrow();
    }

    /** Each app's state, by name. */
    Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
        all().forEach(app -> states.put(app.name(), app.streams().state()));
        return states;
    }

    /** Every app's metrics; their names never clash (the client ids in their tags differ). */
    Map<MetricName, Metric> metrics() {
        Map<MetricName, Metric> all = new HashMap<>();
        apps.forEach(app -> all.putAll(app.streams().metrics()));
        return all;
    }

    /**
     * Closes the apps in order (events, read-back, core), leaving their groups, each within {@code timeout}.
     *
     * @return whether all closed in time
     */
    boolean close(Duration timeout) {
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout);
        boolean closed = true;
        for (StreamsApp app : apps) {
            closed &= app.streams().close(options);
        }
        return closed;
    }

    private String describe() {
        return all().stream()
                .map(app -> app.name() + " " + app.streams().state())
                .collect(Collectors.joining(", "));
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
