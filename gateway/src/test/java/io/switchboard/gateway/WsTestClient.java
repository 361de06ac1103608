package io.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) that collects whole messages; text as JSON, binary as bytes. */
final class WsTestClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    /** Set by {@link #welcomed}. */
    String connectionId;

    private WsTestClient(URI uri, String... subprotocols) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Collector()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static WsTestClient connect(int port, String query, String... subprotocols) throws Exception {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws" + query), subprotocols);
    }

    static WsTestClient connect(SwitchboardGateway gateway) throws Exception {
        return connect(gateway.port(), "");
    }

    /** Connects and reads the welcome frame; returns the client. */
    static WsTestClient welcomed(SwitchboardGateway gateway) throws Exception {
        return welcomed(gateway, "");
    }

    /** Connects with this query ({@code ?accept_encoding=gzip}) and reads the welcome frame; returns the client. */
    static WsTestClient welcomed(SwitchboardGateway gateway, String query) throws Exception {
        WsTestClient client = connect(gateway.port(), query);
        client.connectionId = client.next().path("connection_id").asText();
        return client;
    }

    /** WebSocket pings received so far (the client answers them itself). */
    int pings() {
        return pings.get();
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(frame), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next text message as JSON; fails when none comes in time or a binary one comes first. */
    JsonNode next() throws Exception {
        Object message = nextMessage();
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text message, got " + message);
        }
        return JSON.readTree(text);
    }

    byte[] nextBinary() throws Exception {
        Object message = nextMessage();
        if (!(message instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary message, got " + message);
        }
        return bytes;
    }

    private Object nextMessage() throws InterruptedException {
        Object message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + TIMEOUT);
        }
        return message;
    }

    boolean isOpen() {
        return !closeCode.isDone();
    }

    int awaitCloseCode() throws Exception {
        return closeCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
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
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
