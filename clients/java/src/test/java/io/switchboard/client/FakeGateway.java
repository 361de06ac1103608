package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's side of one connection, played frame by frame over a real WebSocket on loopback: it welcomes each
 * connection as {@code userId}, keeps what the client sends, and sends what the test tells it to. Lets a test put a
 * frame the real gateway sends only in a rare moment (a receipt between two messages) exactly where it wants.
 */
final class FakeGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;

    private final String userId;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private volatile WebSocketChannel connection;
    private final Undertow server;

    FakeGateway(String userId) {
        this.userId = userId;
        WebSocketConnectionCallback callback = this::onConnect;
        this.server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new WebSocketProtocolHandshakeHandler(
                        List.of(new Hybi13Handshake(Set.of(ClientEngine.SUBPROTOCOL), false)), callback))
                .build();
        server.start();
    }

    /** The URL a client connects to. */
    String url() {
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        connection = channel;
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) throws IOException {
                received.add(JSON.readTree(message.getData()));
            }
        });
        channel.resumeReceives();
        // not blocking: this runs on the server's I/O thread
        WebSockets.sendText(
                "{\"type\":\"welcome\",\"connection_id\":\"c-fake\",\"user_id\":\"" + userId
                        + "\",\"roles\":[\"viewer\"],\"heartbeat_ms\":25000,\"resumed\":false}",
                channel,
                null);
    }

    /** Sends a text frame to the open connection, in the order of the calls. */
    void send(String frame) {
        WebSocketChannel channel = connection;
        if (channel == null) {
            throw new IllegalStateException("no client is connected");
        }
        try {
            WebSockets.sendTextBlocking(frame, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next frame the client sent whose type is {@code type}, skipping others (the reconnection token request the
     * client makes by itself); fails after a few seconds without one.
     */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode frame = received.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
        throw new AssertionError("the client sent no " + type + " frame within " + WAIT_SECONDS + " s");
    }

    @Override
    public void close() {
        server.stop();
    }
}
