package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.EpochMicros;
import io.switchboard.load.presence.PresencePage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The presence test's watcher: one WebSocket client (the JDK's) subscribed with {@code "presence": true}, which
 * timestamps every {@code join} and {@code leave} frame as it arrives and asks {@code presence} pages. It is a member
 * of the channel itself (its user is {@link #USER}).
 */
final class PresenceWatcher implements WebSocket.Listener, AutoCloseable {
    /** The watcher's user id: sorts after every {@code u<n>}, so it is the last member listed. */
    static final String USER = "watcher";

    private final ObjectMapper json = new ObjectMapper();
    private final String channel;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> joins = new ConcurrentHashMap<>();
    private final Map<String, Integer> net = new ConcurrentHashMap<>();
    private final AtomicLong joinCount = new AtomicLong();
    private final AtomicLong leaveCount = new AtomicLong();
    /** Guards {@link #members}, and is notified when it changes. */
    private final Object membership = new Object();
    /** Users other than the watcher whose joins outnumber their leaves, kept as frames arrive. */
    private long members;

    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private PresenceWatcher(String channel) {
        this.channel = channel;
    }

    /** Connects to {@code hostPort} with {@code token} and subscribes to {@code channel} with presence. */
    static PresenceWatcher open(String hostPort, String token, String channel)
            throws IOException, InterruptedException {
        PresenceWatcher watcher = new PresenceWatcher(channel);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            watcher.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + hostPort + "/ws?access_token=" + token), watcher)
                    .get(30, TimeUnit.SECONDS);
            JsonNode granted = watcher.request(id -> "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"channel\":\""
                            + channel + "\",\"presence\":true}")
                    .get(60, TimeUnit.SECONDS);
            if (!"subscribed".equals(granted.path("type").asText())) {
                throw new IOException("the watcher's subscribe was answered " + granted);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the watcher could not subscribe to " + channel + ": " + e, e);
        }
        return watcher;
    }

    /** One presence page: the first with {@code after} null, else the one after that user id. */
    PresencePage page(String after) throws IOException, InterruptedException {
        JsonNode answer;
        try {
            answer = request(id -> "{\"type\":\"presence\",\"id\":\"" + id + "\",\"channel\":\"" + channel + "\""
                            + (after == null ? "" : ",\"after\":\"" + after + "\"") + "}")
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no presence answer: " + e, e);
        }
        if (!"presence".equals(answer.path("type").asText())) {
            throw new IOException("a presence query was answered " + answer);
        }
        List<String> users = new ArrayList<>();
        List<Integer> connections = new ArrayList<>();
        for (JsonNode member : answer.path("members")) {
            users.add(member.path("user_id").asText());
            connections.add(member.path("connections").asInt());
        }
        JsonNode next = answer.get("next");
        return new PresencePage(
                users,
                connections,
                answer.path("count").asLong(-1),
                next == null || next.isNull() ? null : next.asText());
    }

    /** Join frames received so far. */
    long joins() {
        return joinCount.get();
    }

    /** Leave frames received so far. */
    long leaves() {
        return leaveCount.get();
    }

    /** Users other than the watcher whose joins outnumber their leaves: the members as its frames tell. */
    long present() {
        synchronized (membership) {
            return members;
        }
    }

    /** Waits until {@link #present()} is {@code n}, at most {@code wait}; returns whether it is. */
    boolean awaitPresent(long n, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (membership) {
            while (members != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(membership, left);
            }
            return true;
        }
    }

    /** A user's joins minus leaves went to {@code net}: one member more at 1 after a join, one fewer at 0. */
    private void counted(String user, int net, boolean joined) {
        if (user.equals(USER) || net != (joined ? 1 : 0)) {
            return;
        }
        synchronized (membership) {
            members += joined ? 1 : -1;
            membership.notifyAll();
        }
    }

    /** Receive times (epoch µs) of each user's join frames received at or after {@code fromMicros}. */
    Map<String, List<Long>> joinsSince(long fromMicros) {
        Map<String, List<Long>> since = new ConcurrentHashMap<>();
        joins.forEach((user, times) -> {
            List<Long> kept;
            synchronized (times) {
                kept = times.stream().filter(t -> t >= fromMicros).toList();
            }
            if (!kept.isEmpty()) {
                since.put(user, kept);
            }
        });
        return since;
    }

    /** The close code if the gateway closed the watcher, else -1. */
    int closeCode() {
        return closed.getNow(-1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = EpochMicros.now();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                received(json.readTree(text), now);
            } catch (IOException e) {
                System.err.println("presence watcher: not JSON: " + text);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        awaited.values().forEach(f -> f.completeExceptionally(new IOException("closed " + statusCode + " " + reason)));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
        awaited.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS);
        }
    }

    private void received(JsonNode frame, long atMicros) {
        String type = frame.path("type").asText();
        String user = frame.path("user_id").asText();
        switch (type) {
            case "join" -> {
                joins.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>()))
                        .add(atMicros);
                counted(user, net.merge(user, 1, Integer::sum), true);
                joinCount.incrementAndGet();
            }
            case "leave" -> {
                counted(user, net.merge(user, -1, Integer::sum), false);
                leaveCount.incrementAndGet();
            }
            default -> {
                CompletableFuture<JsonNode> waiting =
                        awaited.remove(frame.path("id").asText());
                if (waiting != null) {
                    waiting.complete(frame);
                }
            }
        }
    }

    private CompletableFuture<JsonNode> request(java.util.function.Function<String, String> frameWithId) {
        String id = "w" + ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        awaited.put(id, answer);
        socket.sendText(frameWithId.apply(id), true);
        return answer;
    }
}
