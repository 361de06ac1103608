package io.switchboard.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A WebSocket client written against PROTOCOL.md only: it sends JSON frames (and binary publishes) and records every
 * frame it gets, text frames as JSON ({@link #frames()}) and binary frames read by the "Binary frames" layout ({@link
 * #binaryFrames()}).
 */
final class TestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<BinaryFrame> binaryFrames = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private TestClient(URI uri, String bearerToken) {
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** An anonymous connection, once welcomed. */
    static TestClient connect(int port) {
        return connect(port, null);
    }

    /** A connection with {@code Authorization: Bearer <token>} (anonymous when null), once welcomed. */
    static TestClient connect(int port, String bearerToken) {
        TestClient client = new TestClient(uri(port), bearerToken);
        client.awaitFrame(f -> f.path("type").asText().equals("welcome"));
        return client;
    }

    /**
     * A connection with {@code Authorization: Bearer <token>} (anonymous when null) that announces {@code
     * accept_encoding} (e.g. {@code gzip} or {@code gzip,zstd}), once welcomed.
     */
    static TestClient connect(int port, String bearerToken, String acceptEncoding) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws?accept_encoding="
                + java.net.URLEncoder.encode(acceptEncoding, java.nio.charset.StandardCharsets.UTF_8));
        TestClient client = new TestClient(uri, bearerToken);
        client.awaitFrame(f -> f.path("type").asText().equals("welcome"));
        return client;
    }

    /** A connection that resumes a session with {@code ?resume=<token>}, once welcomed. */
    static TestClient resume(int port, String reconnectionToken) {
        TestClient client = new TestClient(resumeUri(port, reconnectionToken), null);
        client.awaitFrame(f -> f.path("type").asText().equals("welcome"));
        return client;
    }

    /** The HTTP status with which the gateway refuses a resume with this token. */
    static int refusedResumeStatus(int port, String reconnectionToken) {
        return refusedStatus(resumeUri(port, reconnectionToken), null);
    }

    /** The HTTP status with which the gateway refuses the upgrade; fails if the upgrade succeeds. */
    static int refusedStatus(int port, String bearerToken) {
        return refusedStatus(uri(port), bearerToken);
    }

    private static int refusedStatus(URI uri, String bearerToken) {
        try {
            new TestClient(uri, bearerToken).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the gateway accepted the upgrade");
    }

    private static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    private static URI resumeUri(int port, String reconnectionToken) {
        return URI.create("ws://127.0.0.1:" + port + "/ws?resume="
                + java.net.URLEncoder.encode(reconnectionToken, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Asks for a reconnection token and returns the {@code reconnection_token} reply. */
    JsonNode reconnectionToken() {
        String id = "tok-" + NEXT_ID.incrementAndGet();
        send(JSON.createObjectNode().put("type", "get_reconnection_token").put("id", id));
        return awaitReply(id, "reconnection_token");
    }

    /** Confirms delivery of {@code channel} up to {@code offset} (no reply). */
    void ack(String channel, long offset) {
        send(JSON.createObjectNode().put("type", "ack").put("channel", channel).put("offset", offset));
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
        return awaitReply(id, "subscribed");
    }

    /** Unsubscribes and waits for the {@code unsubscribed} reply. */
    JsonNode unsubscribe(String channel) {
        String id = "unsub-" + NEXT_ID.incrementAndGet();
        send(JSON.createObjectNode().put("type", "unsubscribe").put("id", id).put("channel", channel));
        return awaitReply(id, "unsubscribed");
    }

    /** Subscribes with {@code "presence": true} and waits for the {@code subscribed} reply. */
    JsonNode subscribeWithPresence(String channel) {
        String id = "presence-sub-" + NEXT_ID.incrementAndGet();
        send(JSON.createObjectNode()
                .put("type", "subscribe")
                .put("id", id)
                .put("channel", channel)
                .put("presence", true));
        return awaitReply(id, "subscribed");
    }

    /** Asks who is on {@code channel} (the page after {@code after}, null for the first) and returns the reply. */
    JsonNode presence(String channel, String after) {
        String id = "who-" + NEXT_ID.incrementAndGet();
        ObjectNode frame =
                JSON.createObjectNode().put("type", "presence").put("id", id).put("channel", channel);
        if (after != null) {
            frame.put("after", after);
        }
        send(frame);
        return awaitFrame(f -> f.path("id").asText().equals(id));
    }

    /** The {@code join} and {@code leave} frames of {@code channel} so far, as {@code "join alice"}, in order. */
    List<String> presenceChanges(String channel) {
        return frames.stream()
                .filter(f -> f.path("type").asText().equals("join")
                        || f.path("type").asText().equals("leave"))
                .filter(f -> f.path("channel").asText().equals(channel))
                .map(f -> f.path("type").asText() + " " + f.path("user_id").asText())
                .toList();
    }

    /** Subscribes with {@code since} and waits for the {@code subscribed} reply. */
    JsonNode subscribe(String channel, long sinceOffset, String sinceEpoch) {
        String id = "since-" + NEXT_ID.incrementAndGet();
        ObjectNode frame =
                JSON.createObjectNode().put("type", "subscribe").put("id", id).put("channel", channel);
        frame.putObject("since").put("offset", sinceOffset).put("epoch", sinceEpoch);
        send(frame);
        return awaitReply(id, "subscribed");
    }

    /** Sends a subscribe and returns the reply to it, whatever its type. */
    JsonNode trySubscribe(String channel) {
        String id = "try-" + NEXT_ID.incrementAndGet();
        send(JSON.createObjectNode().put("type", "subscribe").put("id", id).put("channel", channel));
        return awaitFrame(f -> f.path("id").asText().equals(id));
    }

    /** Publishes {@code data} (JSON text) and returns the reply, {@code published} or {@code error}. */
    JsonNode publish(String channel, String event, String dataJson) {
        String id = "pub-" + NEXT_ID.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode()
                .put("type", "publish")
                .put("id", id)
                .put("channel", channel)
                .put("event", event);
        try {
            frame.set("data", JSON.readTree(dataJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + dataJson, e);
        }
        send(frame);
        return awaitFrame(f -> f.path("id").asText().equals(id));
    }

    /** Sends one binary frame as it is. */
    TestClient sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        return this;
    }

    /**
     * Publishes a binary payload (PROTOCOL.md, "Binary frames": metadata {@code type publish, id, channel, event,
     * content_type}) and returns the reply, {@code published} or {@code error}.
     *
     * @param kind the kind byte (0x01 IMAGE ... 0x05 CUSTOM)
     * @param encoding the encoding byte of {@code payload} (0x00 none, 0x01 gzip, 0x02 deflate, 0x03 zstd)
     * @param contentType left out of the metadata when null
     */
    JsonNode publishBinary(int kind, int encoding, String channel, String event, String contentType, byte[] payload) {
        String id = "bin-" + NEXT_ID.incrementAndGet();
        ObjectNode metadata = JSON.createObjectNode()
                .put("type", "publish")
                .put("id", id)
                .put("channel", channel)
                .put("event", event);
        if (contentType != null) {
            metadata.put("content_type", contentType);
        }
        sendBinary(BinaryFrame.write(kind, encoding, metadata.toString(), payload));
        return awaitFrame(f -> f.path("id").asText().equals(id));
    }

    /** The frame of {@code type} that answers the request {@code id}. */
    JsonNode awaitReply(String id, String type) {
        return awaitFrame(f ->
                f.path("type").asText().equals(type) && f.path("id").asText().equals(id));
    }

    JsonNode awaitFrame(Predicate<JsonNode> match) {
        return await().atMost(TIMEOUT)
                .until(() -> frames.stream().filter(match).findFirst(), o -> o.isPresent())
                .orElseThrow();
    }

    /** The first binary frame that matches, once it has arrived. */
    BinaryFrame awaitBinary(Predicate<BinaryFrame> match) {
        return await().atMost(TIMEOUT)
                .until(() -> binaryFrames.stream().filter(match).findFirst(), o -> o.isPresent())
                .orElseThrow();
    }

    /** Every binary frame so far, in order. */
    List<BinaryFrame> binaryFrames() {
        return List.copyOf(binaryFrames);
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

    /**
     * A binary frame: kind and encoding bytes, the metadata object and the payload.
     *
     * @param kind 0x01 IMAGE, 0x02 AUDIO, 0x03 VIDEO, 0x04 COMPRESSED_JSON, 0x05 CUSTOM
     * @param encoding 0x00 none, 0x01 gzip, 0x02 deflate, 0x03 zstd
     */
    record BinaryFrame(int kind, int encoding, JsonNode metadata, byte[] payload) {
        static BinaryFrame read(byte[] frame) {
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            if (buffer.get() != 0x53 || buffer.get() != 0x01) {
                throw new IllegalArgumentException("not a Switchboard v1 binary frame");
            }
            int kind = buffer.get();
            int encoding = buffer.get();
            byte[] metadata = new byte[buffer.getInt()];
            buffer.get(metadata);
            byte[] payload = new byte[buffer.remaining()];
            buffer.get(payload);
            try {
                return new BinaryFrame(kind, encoding, JSON.readTree(metadata), payload);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static byte[] write(int kind, int encoding, String metadata, byte[] payload) {
            byte[] meta = metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return ByteBuffer.allocate(8 + meta.length + payload.length)
                    .put((byte) 0x53)
                    .put((byte) 0x01)
                    .put((byte) kind)
                    .put((byte) encoding)
                    .putInt(meta.length)
                    .put(meta)
                    .put(payload)
                    .array();
        }
    }

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
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

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
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                binaryFrames.add(BinaryFrame.read(binary.toByteArray()));
                binary.reset();
            }
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
