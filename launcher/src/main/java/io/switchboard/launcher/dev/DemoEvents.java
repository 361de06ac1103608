package io.switchboard.launcher.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sample domain events for dev mode, in the JSON format of DESIGN.md: this JVM's CPU and heap on {@code metrics}
 * and a heartbeat on {@code status}. Any service producing events looks like this.
 */
final class DemoEvents {
    static final String METRICS = "metrics";
    static final String STATUS = "status";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024.0 * 1024.0;

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Clock clock;
    private final Instant started;
    private long sequence;
    private long lastCpuNanos = processCpuNanos();
    private long lastWallNanos = System.nanoTime();

    DemoEvents(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** One round: a {@code metrics} event and a {@code status} event, as (channel, JSON) pairs. */
    List<Event> next() {
        sequence++;
        return List.of(new Event(METRICS, metrics()), new Event(STATUS, status()));
    }

    /** A channel and the UTF-8 JSON of one domain event on it. */
    record Event(String channel, String json) {}

    private String metrics() {
        ObjectNode data = JSON.createObjectNode();
        data.put("cpu", round(cpuPercent()));
        Runtime runtime = Runtime.getRuntime();
        data.put("mem", round((runtime.totalMemory() - runtime.freeMemory()) / MIB));
        data.put("mem_max", round(runtime.maxMemory() / MIB));
        data.put("seq", sequence);
        return event(METRICS, "sample", data);
    }

    private String status() {
        ObjectNode data = JSON.createObjectNode();
        data.put("state", "ok");
        data.put("uptime_s", Duration.between(started, clock.instant()).toSeconds());
        data.put("seq", sequence);
        return event(STATUS, "heartbeat", data);
    }

    private String event(String channel, String name, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "demo-" + runId + "-" + channel + "-" + sequence);
        event.put("channel", channel);
        event.put("event", name);
        event.set("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a demo event", e);
        }
    }

    /**
     * This JVM's CPU use since the previous round, in percent of all cores, from the process's CPU time ({@code
     * getCpuLoad()} kept reading 0 inside dev mode here, even on a busy machine).
     */
    private double cpuPercent() {
        long cpuNanos = processCpuNanos();
        long wallNanos = System.nanoTime();
        long elapsed = wallNanos - lastWallNanos;
        double percent = cpuNanos < 0 || elapsed <= 0
                ? 0
                : (cpuNanos - lastCpuNanos) * 100.0 / ((double) elapsed * OS.getAvailableProcessors());
        lastCpuNanos = cpuNanos;
        lastWallNanos = wallNanos;
        return Math.max(0, percent);
    }

    /** The process's CPU time in nanoseconds, or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
