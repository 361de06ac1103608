package io.switchboard.observability;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * The meter registry of one deployable (a gateway or a processor): Prometheus format, every meter tagged
 * {@code application} (e.g. {@code gateway}) and {@code instance_id} (its id; not {@code instance}, which Prometheus sets to the scrape target and would rename ours to {@code exported_instance}), with the JVM and process meters bound
 * (memory, GC, threads, class loading, CPU, uptime, open files, JVM version).
 *
 * <pre>{@code
 * try (ServiceMetrics metrics = ServiceMetrics.create("gateway", config.gatewayId())) {
 *     GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics.registry());
 *     ...
 * }
 * }</pre>
 *
 * <p>Close it when the deployable stops: that removes the GC notification listener and closes the registry.
 */
public final class ServiceMetrics implements AutoCloseable {
    /** The tag naming the deployable: {@code gateway} or {@code processor}. */
    public static final String APPLICATION_TAG = "application";
    /** The tag naming the running instance: the gateway id, or the processor's instance id. */
    public static final String INSTANCE_TAG = "instance_id";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private ServiceMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /**
     * A new registry for this deployable, with the JVM and process meters bound.
     *
     * @param application {@code gateway} or {@code processor}
     * @param instance the id of this instance, e.g. the gateway id
     */
    public static ServiceMetrics create(String application, String instance) {
        requireText(application, "application");
        requireText(instance, "instance");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // common tags first: they apply only to meters registered after them
        registry.config().commonTags(APPLICATION_TAG, application, INSTANCE_TAG, instance);
        JvmGcMetrics gc = new JvmGcMetrics();
        MeterBinder[] binders = {
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new JvmInfoMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics()
        };
        for (MeterBinder binder : binders) {
            binder.bindTo(registry);
        }
        return new ServiceMetrics(registry, gc);
    }

    /** The registry: register meters here, scrape it at {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
