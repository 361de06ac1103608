package io.switchboard.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A WebSocket client written against PROTOCOL.md only: it sends JSON frames and records every frame it gets. */
final class TestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private TestClient(URI uri) {
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(uri, new Listener())
                .join();
    }

    static TestClient connect(int port) {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws"));
        client.awaitFrame(f -> f.path("type").asText().equals("welcome"));
        return client;
    }

    TestClient send(ObjectNode frame) {
        socket.sendText(frame.toString(), true).join();
        return this;
    }

    TestClient sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Subscribes and waits for the {@code subscribed} reply. */
    JsonNode subscribe(String channel) {
        String id = "sub-" + channel;
        send(JSON.createObjectNode().put("type", "subscribe").put("id", id).put("channel", channel));
        return awaitFrame(f -> f.path("type").asText().equals("subscribed")
                && f.path("id").asText().equals(id));
    }

    JsonNode awaitFrame(Predicate<JsonNode> match) {
        return await().atMost(TIMEOUT)
                .until(() -> frames.stream().filter(match).findFirst(), o -> o.isPresent())
                .orElseThrow();
    }

    List<JsonNode> messages(String channel) {
        return frames.stream()
                .filter(f -> f.path("type").asText().equals("message"))
                .filter(f -> f.path("channel").asText().equals(channel))
                .toList();
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Every frame with the {@link System#nanoTime()} at which it arrived. */
    List<Received> received() {
        return List.copyOf(received);
    }

    record Received(JsonNode frame, long nanos) {}

    int awaitClose() {
        return closeCode
                .orTimeout(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(text.toString());
                    received.add(new Received(frame, System.nanoTime()));
                    frames.add(frame);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
