package io.switchboard.launcher.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sample domain events for dev mode, in the JSON format of DESIGN.md: this JVM's CPU and heap on {@code metrics}
 * and a heartbeat on {@code status} every round; every {@link #BOOK_REQUEST_ROUNDS}th round also a change of a {@link
 * BookRequests book request} of the dev viewer, addressed to the viewer and the admins, and the number of pending
 * requests, addressed to the admins only. Any service producing events looks like this.
 */
final class DemoEvents {
    static final String METRICS = "metrics";
    static final String STATUS = "status";
    static final int BOOK_REQUEST_ROUNDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024.0 * 1024.0;

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final BookRequests bookRequests = new BookRequests(DevAccess.VIEWER);
    private final Clock clock;
    private final Instant started;
    private long sequence;
    private long lastCpuNanos = processCpuNanos();
    private long lastWallNanos = System.nanoTime();

    DemoEvents(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * One round: a {@code metrics} event and a {@code status} event, and in every {@link #BOOK_REQUEST_ROUNDS}th round
     * a book request's {@code status_changed} and {@code pending_count} after them.
     */
    List<Event> next() {
        sequence++;
        List<Event> round = new ArrayList<>(List.of(new Event(METRICS, metrics()), new Event(STATUS, status())));
        if (sequence % BOOK_REQUEST_ROUNDS == 0) {
            round.addAll(bookRequest());
        }
        return round;
    }

    /**
     * The UTF-8 JSON of one domain event and its record key: its channel, or for an event addressed to an audience
     * only the family it is about, so that the changes of one family stay in order.
     */
    record Event(String key, String json) {}

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

    /** A status change for the requester and every admin, then the pending count for the admins only. */
    private List<Event> bookRequest() {
        BookRequests.Change change = bookRequests.next();
        ObjectNode status = JSON.createObjectNode();
        status.put("request_id", change.requestId());
        status.put("title", change.title());
        status.put("requested_by", change.requestedBy());
        status.put("status", change.status());
        ObjectNode count = JSON.createObjectNode();
        count.put("pending", change.pending());
        String family = BookRequests.FAMILY;
        List<String> admins = List.of(BookRequests.ADMIN_ROLE);
        return List.of(
                new Event(
                        family,
                        event(family, "status_changed", status, audience(List.of(change.requestedBy()), admins))),
                new Event(family, event(null, "pending_count", count, audience(List.of(), admins))));
    }

    private static ObjectNode audience(List<String> users, List<String> roles) {
        ObjectNode audience = JSON.createObjectNode();
        if (!users.isEmpty()) {
            ArrayNode userIds = audience.putArray("users");
            users.forEach(userIds::add);
        }
        ArrayNode roleNames = audience.putArray("roles");
        roles.forEach(roleNames::add);
        return audience;
    }

    private String event(String channel, String name, ObjectNode data) {
        return event(channel, name, data, null);
    }

    /** An event on {@code channel} (null: none) for {@code audience} (null: none). */
    private String event(String channel, String name, ObjectNode data, ObjectNode audience) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "demo-" + runId + "-" + (channel == null ? name : channel) + "-" + sequence);
        if (channel != null) {
            event.put("channel", channel);
        }
        event.put("event", name);
        event.set("data", data);
        if (audience != null) {
            event.set("audience", audience);
        }
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
