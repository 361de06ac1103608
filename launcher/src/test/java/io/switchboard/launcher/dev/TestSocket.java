package io.switchboard.launcher.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A real WebSocket client (java.net.http) that keeps every JSON text frame it receives. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static TestSocket connect(URI uri) throws Exception {
        TestSocket listener = new TestSocket();
        listener.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, listener)
                .get(10, TimeUnit.SECONDS);
        return listener;
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** Waits for a frame that matches and returns the first such frame. */
    JsonNode awaitFrame(String description, Predicate<JsonNode> match) {
        return Awaitility.await(description)
                .atMost(Duration.ofSeconds(30))
                .until(() -> first(match), Optional::isPresent)
                .orElseThrow();
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    private Optional<JsonNode> first(Predicate<JsonNode> match) {
        return frames.stream().filter(match).findFirst();
    }

    static Predicate<JsonNode> type(String type) {
        return frame -> type.equals(frame.path("type").asText());
    }

    static Predicate<JsonNode> type(String type, String channel) {
        return type(type).and(frame -> channel.equals(frame.path("channel").asText()));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
