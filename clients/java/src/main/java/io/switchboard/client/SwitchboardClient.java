package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A connection to Switchboard gateways (PROTOCOL.md) that outlives sockets: it reconnects by itself with full-jitter
 * backoff, resumes with a reconnection token or re-subscribes with {@code since}, refreshes its JWT before expiry,
 * and hands each message of a subscribed channel to its listener once, in order.
 *
 * <pre>{@code
 * SwitchboardClient client = SwitchboardClient.builder("wss://gateway.example/ws")
 *         .token(() -> myTokenService.fetch())
 *         .build();
 * client.subscribe("forum_threads:42", message -> System.out.println(message.data())).join();
 * client.publish("forum_threads:42", json.readTree("{\"text\":\"hi\"}"), "comment.created").join();
 * client.close();
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread. Each client has one event thread; every listener
 * ({@link MessageListener}, {@link ConnectionListener}, {@link ReceiptListener}, presence callbacks, {@link
 * FrameLogger}) is called on it, one
 * call at a time, in the order the frames arrived, and the returned futures are completed on it. A listener that
 * blocks delays the whole client; one must never wait on a future of its own client (it would wait forever). The
 * token supplier is also called on the event thread.
 *
 * <p>Futures fail with a {@link SwitchboardException} carrying the server's error code, or {@code connection_closed}
 * when the connection closed before the reply, or {@code closed} once the client is closed.
 */
public final class SwitchboardClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(6);

    private final ClientEngine engine;
    private final ClientEvents events;
    private final ScheduledExecutorService eventThread;

    private SwitchboardClient(ClientOptions options) {
        this.eventThread = eventThread();
        this.events = new ClientEvents();
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.proxy() != null) {
            http.proxy(ProxySelector.of(options.proxy()));
        }
        this.engine = new ClientEngine(options, eventThread, http.build(), events);
    }

    private static ScheduledExecutorService eventThread() {
        int number = CLIENTS.incrementAndGet();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-client-" + number);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** A builder for a client of the gateway at {@code url} ({@code ws://} or {@code wss://}). */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Completes with the first {@code welcome} frame, or fails with the first connection attempt's failure ({@code
     * connect_failed}: the gateway or proxy unreachable, HTTP 401 …). The client keeps trying after a failure that is
     * not final (a 401 with a fixed token and a 403 are final); {@link #close()} stops it.
     */
    public CompletableFuture<JsonNode> opened() {
        return engine.firstOpen().copy();
    }

    public ClientState state() {
        return engine.state();
    }

    /** Adds a listener of connection events; see {@link ConnectionListener}. */
    public SwitchboardClient addConnectionListener(ConnectionListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public void removeConnectionListener(ConnectionListener listener) {
        events.remove(listener);
    }

    /**
     * Adds a listener of delivery receipts ({@code receipt} frames, see {@link PublishOptions#withReceipts()}). A
     * receipt that arrives while no receipt listener is registered is dropped.
     */
    public SwitchboardClient addReceiptListener(ReceiptListener listener) {
        events.addReceiptListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public void removeReceiptListener(ReceiptListener listener) {
        events.removeReceiptListener(listener);
    }

    /** {@link #subscribe(String, MessageListener, SubscribeOptions)} without presence. */
    public CompletableFuture<JsonNode> subscribe(String channel, MessageListener listener) {
        return subscribe(channel, listener, SubscribeOptions.none());
    }

    /**
     * Subscribes to {@code channel}; the future completes with the first {@code subscribed} frame, or fails with the
     * {@code error} (e.g. {@code permission_denied}). The subscription outlives reconnections until {@link
     * #unsubscribe}. Sent once a connection is open.
     */
    public CompletableFuture<JsonNode> subscribe(String channel, MessageListener listener, SubscribeOptions options) {
        requireText(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        CompletableFuture<JsonNode> subscribed = new CompletableFuture<>();
        run(subscribed, () -> engine.subscribe(channel, listener, options, subscribed));
        return subscribed;
    }

    /** Stops delivering {@code channel}; completes with the {@code unsubscribed} frame (null when no connection is open). */
    public CompletableFuture<JsonNode> unsubscribe(String channel) {
        requireText(channel, "channel");
        CompletableFuture<JsonNode> unsubscribed = new CompletableFuture<>();
        run(unsubscribed, () -> engine.unsubscribe(channel, unsubscribed));
        return unsubscribed;
    }

    /**
     * Publishes {@code data} on {@code channel}; completes with the {@code published} frame once the message is
     * durably in the channel's stream. {@code event} may be null.
     */
    public CompletableFuture<JsonNode> publish(String channel, JsonNode data, String event) {
        return publish(channel, data, event, PublishOptions.none());
    }

    /**
     * {@link #publish(String, JsonNode, String)} with options: {@link PublishOptions#withReceipts()} sends {@code
     * "receipts": true}, and each user who acknowledges the message then answers once, to the {@link
     * ReceiptListener}s (an anonymous publisher gets none).
     */
    public CompletableFuture<JsonNode> publish(String channel, JsonNode data, String event, PublishOptions options) {
        requireText(channel, "channel");
        Objects.requireNonNull(data, "data (use NullNode for JSON null)");
        Objects.requireNonNull(options, "options");
        ObjectNode frame =
                engine.json().createObjectNode().put("type", "publish").put("channel", channel);
        frame.set("data", data);
        if (event != null) {
            frame.put("event", event);
        }
        if (options.receipts()) {
            frame.put("receipts", true);
        }
        return request(frame);
    }

    /** Confirms delivery up to {@code offset} of {@code channel} (no reply); kept for the next connection while none is open. */
    public void ack(String channel, long offset) {
        requireText(channel, "channel");
        run(new CompletableFuture<>(), () -> engine.ack(channel, offset));
    }

    /** A JSON {@code ping}; completes with the {@code pong} frame (the JDK already answers WebSocket pings). */
    public CompletableFuture<JsonNode> ping() {
        return request(engine.json().createObjectNode().put("type", "ping"));
    }

    /**
     * Who is on a presence-enabled channel: the {@code presence} frame, every page of members joined into one. A
     * gateway without presence fails it with {@code unknown_type}.
     */
    public CompletableFuture<JsonNode> presence(String channel) {
        requireText(channel, "channel");
        return presencePages(channel, null, engine.json().createArrayNode());
    }

    private CompletableFuture<JsonNode> presencePages(String channel, String after, ArrayNode members) {
        ObjectNode frame =
                engine.json().createObjectNode().put("type", "presence").put("channel", channel);
        if (after != null) {
            frame.put("after", after);
        }
        return request(frame).thenCompose(page -> {
            page.path("members").forEach(members::add);
            if (page.hasNonNull("next")) {
                return presencePages(channel, page.get("next").asText(), members);
            }
            ObjectNode answer = ((ObjectNode) page).deepCopy();
            answer.remove("next");
            answer.set("members", members);
            return CompletableFuture.completedFuture(answer);
        });
    }

    /**
     * Sends a frame of the application's own, as it is, on the open connection (the terminal client sends what is
     * typed with it). Its replies reach {@link ConnectionListener#onUnhandledFrame}. Fails with {@code
     * connection_closed} when no connection is open.
     */
    public CompletableFuture<Void> send(ObjectNode frame) {
        Objects.requireNonNull(frame, "frame");
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ObjectNode copy = frame.deepCopy();
        run(sent, () -> engine.sendRaw(copy, sent));
        return sent;
    }

    /**
     * Closes the connection for good with 1000; pending futures fail with {@code closed}. Waits (a few seconds at
     * most) for the close to be sent, unless called on the event thread.
     */
    @Override
    public void close() {
        try {
            eventThread.execute(engine::close);
        } catch (RejectedExecutionException e) {
            return; // closed already
        }
        if (Thread.currentThread().getName().startsWith("switchboard-client-")) {
            return;
        }
        try {
            engine.terminated().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            eventThread.shutdownNow();
        }
    }

    private CompletableFuture<JsonNode> request(ObjectNode frame) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        run(reply, () -> engine.request(frame, reply));
        return reply;
    }

    private void run(CompletableFuture<?> result, Runnable onEventThread) {
        try {
            eventThread.execute(onEventThread);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SwitchboardException("closed", "the client is closed"));
        }
    }

    private void start() {
        eventThread.execute(engine::start);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Collects a client's settings; {@link #build()} starts connecting. */
    public static final class Builder {
        private final GatewayUrl url;
        private String token;
        private Supplier<String> tokenSupplier;
        private List<String> acceptEncoding = ClientOptions.ENCODINGS;
        private Duration minDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(20);
        private InetSocketAddress proxy;
        private FrameLogger frameLogger;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private final List<ConnectionListener> listeners = new java.util.ArrayList<>();
        private final List<ReceiptListener> receiptListeners = new java.util.ArrayList<>();

        private Builder(String url) {
            this.url = GatewayUrl.parse(url);
        }

        /** A fixed JWT, sent as {@code Authorization: Bearer}; without a token the connection is anonymous. */
        public Builder token(String jwt) {
            this.token = jwt;
            this.tokenSupplier = null;
            return this;
        }

        /** Gives a fresh JWT when asked: at connect, before the current one expires ({@code refresh}), after 4001. */
        public Builder token(Supplier<String> supplier) {
            this.tokenSupplier = supplier;
            this.token = null;
            return this;
        }

        /** Payload encodings this client announces (default gzip, deflate, zstd); none = JSON in text frames only. */
        public Builder acceptEncoding(List<String> encodings) {
            this.acceptEncoding = List.copyOf(encodings);
            return this;
        }

        /** The least reconnection delay (default 500 ms) and the largest (default 20 s). */
        public Builder reconnectDelays(Duration min, Duration max) {
            this.minDelay = Objects.requireNonNull(min, "min");
            this.maxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /** An HTTP proxy, given as {@code http://host:port}, through which the client tunnels with CONNECT. */
        public Builder proxy(String proxyUrl) {
            this.proxy = ProxyAddress.parse(proxyUrl);
            return this;
        }

        /** Sees every frame in and out (e.g. for a {@code --verbose} log). */
        public Builder frameLogger(FrameLogger logger) {
            this.frameLogger = logger;
            return this;
        }

        /** How long one connection attempt may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** A listener of connection events that hears them from the very first attempt on. */
        public Builder connectionListener(ConnectionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A listener of delivery receipts, registered before the first connection; see {@link #addReceiptListener}. */
        public Builder receiptListener(ReceiptListener listener) {
            receiptListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A client that starts connecting now. */
        public SwitchboardClient build() {
            ClientOptions options = new ClientOptions(
                    url, token, tokenSupplier, acceptEncoding, minDelay, maxDelay, proxy, frameLogger, connectTimeout);
            SwitchboardClient client = new SwitchboardClient(options);
            listeners.forEach(client::addConnectionListener);
            receiptListeners.forEach(client::addReceiptListener);
            client.start();
            return client;
        }
    }

    /** Parses {@code http://host:port}. */
    static final class ProxyAddress {
        private ProxyAddress() {}

        static InetSocketAddress parse(String proxyUrl) {
            if (proxyUrl == null) {
                return null;
            }
            URI uri;
            try {
                uri = URI.create(proxyUrl.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + proxyUrl + "' is not a proxy URL such as http://host:3128", e);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(
                        "a proxy is given as http://host:port, e.g. http://proxy.example:3128 (got '" + proxyUrl
                                + "')");
            }
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        }
    }
}
