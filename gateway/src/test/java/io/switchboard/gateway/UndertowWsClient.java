package io.switchboard.gateway;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * A WebSocket client on Undertow's own client, which (unlike {@code java.net.http}) can negotiate permessage-deflate.
 * Connections share the {@link Clients} they were opened by (one XNIO worker).
 */
public final class UndertowWsClient implements AutoCloseable {
    private final WebSocketChannel channel;
    private final WebSocketClientNegotiation negotiation;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    private UndertowWsClient(WebSocketChannel channel, WebSocketClientNegotiation negotiation) {
        this.channel = channel;
        this.negotiation = negotiation;
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
                texts.add(message.getData());
            }
        });
        channel.resumeReceives();
    }

    /** The extensions the server accepted, as its handshake response named them. */
    public List<String> acceptedExtensions() {
        return negotiation.getSelectedExtensions().stream()
                .map(WebSocketExtension::getName)
                .toList();
    }

    public void send(String text) throws IOException {
        WebSockets.sendTextBlocking(text, channel);
    }

    /** The next text message, or null after 15 s (the caller's assertion then fails). */
    public String next() throws InterruptedException {
        return texts.poll(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        IoUtils.safeClose(channel);
    }

    /** One XNIO worker and buffer pool for any number of connections. */
    public static final class Clients implements AutoCloseable {
        private final XnioWorker worker;
        private final ByteBufferPool buffers = new DefaultByteBufferPool(false, 16 * 1024);

        public Clients() throws IOException {
            worker = Xnio.getInstance()
                    .createWorker(OptionMap.builder()
                            .set(Options.WORKER_IO_THREADS, 2)
                            .set(Options.TCP_NODELAY, true)
                            .getMap());
        }

        /** Connects to {@code /ws} with subprotocol switchboard.v1, offering permessage-deflate when asked to. */
        public UndertowWsClient connect(int port, boolean offerDeflate) throws IOException {
            List<WebSocketExtension> offered =
                    offerDeflate ? List.of(new WebSocketExtension("permessage-deflate")) : List.of();
            WebSocketClientNegotiation negotiation = new WebSocketClientNegotiation(List.of("switchboard.v1"), offered);
            WebSocketChannel channel = WebSocketClient.connectionBuilder(
                            worker, buffers, URI.create("ws://127.0.0.1:" + port + "/ws"))
                    .setClientNegotiation(negotiation)
                    .setClientExtensions(offerDeflate ? Set.of(new PerMessageDeflateHandshake(true)) : Set.of())
                    .connect()
                    .get();
            return new UndertowWsClient(channel, negotiation);
        }

        @Override
        public void close() {
            worker.shutdownNow();
            buffers.close();
        }
    }
}
