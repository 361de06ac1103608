package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's protocol state machine (PROTOCOL.md: Connecting, Recovery, Close codes). Every field is touched on the
 * event thread only; {@link SwitchboardClient} posts each call there. It reconnects after every close but the final
 * ones, resumes with a reconnection token when it has a fresh one and the last socket closed cleanly, else
 * re-subscribes each channel with {@code since} at the last position handed to the application, and drops any
 * message at or below that position, so that each reaches the application once, in order.
 */
final class ClientEngine implements SocketConnection.Events {
    static final String SUBPROTOCOL = "switchboard.v1";
    /** Close codes after which reconnecting cannot help: normal, or a client bug. */
    private static final Set<Integer> FINAL_CLOSE_CODES = Set.of(1000, 1002, 1007, 1009);

    private static final int CREDENTIALS_EXPIRED = 4001;
    /** No close frame was received: the socket died, and bytes the gateway wrote may never have arrived. */
    private static final int ABNORMAL_CLOSURE = 1006;
    /** How long a resumed connection waits for the gateway to restore a channel before subscribing to it itself. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a close frame may wait for the gateway's echo. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** When to ask again for a reconnection token the gateway could not give. */
    private static final Duration RENEW_RETRY = Duration.ofSeconds(30);

    private final ClientOptions options;
    private final ScheduledExecutorService eventThread;
    private final HttpClient http;
    private final ObjectMapper json;
    private final BinaryFrameDecoder binaryFrames;
    private final Backoff backoff;
    private final TokenKeeper tokens;
    private final Clock clock;
    private final ClientEvents events;
    private final CompletableFuture<JsonNode> firstOpen = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private volatile ClientState state = ClientState.CONNECTING;
    private SocketConnection connection;
    private boolean closing;
    private int attempt;
    private long nextId;
    private String userId;
    private final Map<String, Subscription> channels = new LinkedHashMap<>();
    private final Map<String, Request> requests = new LinkedHashMap<>();
    /** The highest offset acknowledged per channel while no connection was open, sent at the next welcome. */
    private final Map<String, Long> acks = new LinkedHashMap<>();

    private ResumeToken resume;
    private final Map<String, ScheduledFuture<?>> timers = new LinkedHashMap<>();

    /** A reconnection token, one use only, and the channels the gateway held when it was last known. */
    private record ResumeToken(String token, Instant expiresAt, Set<String> channels) {}

    ClientEngine(ClientOptions options, ScheduledExecutorService eventThread, HttpClient http, ClientEvents events) {
        this.options = options;
        this.eventThread = eventThread;
        this.http = http;
        this.events = events;
        this.json = new ObjectMapper();
        this.binaryFrames = new BinaryFrameDecoder(json, new PayloadInflater(PayloadInflater.MAX_INFLATED_BYTES));
        this.backoff = new Backoff(options.minDelay(), options.maxDelay(), () -> ThreadLocalRandom.current()
                .nextDouble());
        this.tokens = new TokenKeeper(options.token(), options.tokenSupplier());
        this.clock = Clock.systemUTC();
    }

    ClientState state() {
        return state;
    }

    CompletableFuture<JsonNode> firstOpen() {
        return firstOpen;
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    ObjectMapper json() {
        return json;
    }

    // ---- the application's calls (on the event thread) ----

    void subscribe(
            String channel,
            MessageListener listener,
            SubscribeOptions subscribeOptions,
            CompletableFuture<JsonNode> subscribed) {
        if (state == ClientState.CLOSED) {
            subscribed.completeExceptionally(closedError());
            return;
        }
        if (channels.containsKey(channel)) {
            subscribed.completeExceptionally(
                    new SwitchboardException("already_subscribed", "already subscribed to " + channel));
            return;
        }
        Subscription subscription = new Subscription(channel, listener, subscribeOptions);
        subscription.addWaiter(subscribed);
        channels.put(channel, subscription);
        if (state == ClientState.OPEN) {
            sendSubscribe(subscription);
        }
    }

    void unsubscribe(String channel, CompletableFuture<JsonNode> unsubscribed) {
        Subscription subscription = channels.remove(channel);
        if (subscription != null) {
            subscription.settle(new SwitchboardException("unsubscribed", "unsubscribed from " + channel), null);
        }
        if (state == ClientState.OPEN) {
            request(frame("unsubscribe").put("channel", channel), unsubscribed);
        } else {
            unsubscribed.complete(null);
        }
    }

    /** Sends {@code frame} (given an {@code id}) now or at the next welcome; {@code reply} gets the answer. */
    void request(ObjectNode frame, CompletableFuture<JsonNode> reply) {
        if (state == ClientState.CLOSED) {
            reply.completeExceptionally(closedError());
            return;
        }
        frame.put("id", newId());
        Request request = new Request(frame, false, reply::complete, reply::completeExceptionally);
        requests.put(request.id(), request);
        if (state == ClientState.OPEN) {
            transmit(request);
        }
    }

    void ack(String channel, long offset) {
        if (state == ClientState.OPEN) {
            send(frame("ack").put("channel", channel).put("offset", offset));
        } else if (state != ClientState.CLOSED) {
            acks.merge(channel, offset, Math::max);
        }
    }

    /** Sends a frame of the application's own as it is; its replies go to {@code onUnhandledFrame}. */
    void sendRaw(ObjectNode frame, CompletableFuture<Void> sent) {
        if (state != ClientState.OPEN) {
            sent.completeExceptionally(new SwitchboardException(
                    state == ClientState.CLOSED ? "closed" : "connection_closed",
                    "no connection is open (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")"));
            return;
        }
        send(frame);
        sent.complete(null);
    }

    void close() {
        if (closing || terminated.isDone()) {
            return;
        }
        closing = true;
        shutDown(closedError());
        SocketConnection current = connection;
        if (current != null && current.isOpen()) {
            current.close(1000, "");
            schedule("close", CLOSE_TIMEOUT, () -> onSocketClose(current, 1000, "client closed"));
        } else {
            if (current != null) {
                current.closed = true;
            }
            events.close(1000, "client closed");
            terminate();
        }
    }

    // ---- connecting ----

    void start() {
        open();
    }

    private void open() {
        SocketConnection next = new SocketConnection(this, eventThread);
        connection = next;
        Map<String, String> query = new LinkedHashMap<>();
        String bearer;
        try {
            bearer = credentials(next, query);
        } catch (SwitchboardException e) {
            failFirstOpen(e);
            events.error(e);
            reconnectLater();
            return;
        }
        if (!options.acceptEncoding().isEmpty()) {
            query.put("accept_encoding", String.join(",", options.acceptEncoding()));
        }
        WebSocket.Builder builder =
                http.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(options.connectTimeout());
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.buildAsync(options.url().withQuery(query), next)
                .whenComplete((socket, error) -> post(() -> {
                    if (error != null) {
                        onConnectFailed(next, error);
                    } else if (connection != next || closing) {
                        next.close(1000, "");
                    }
                }));
    }

    /**
     * Fills the credential query parameter and returns the bearer token, if any. A reconnection token goes alone:
     * the gateway takes a bearer or {@code access_token} first when both are present, which would ignore the resume.
     */
    private String credentials(SocketConnection next, Map<String, String> query) {
        ResumeToken token = resume;
        resume = null; // one use, whatever happens to this handshake
        Instant now = clock.instant();
        if (token != null && Duration.between(now, token.expiresAt()).compareTo(TokenKeeper.EXPIRY_MARGIN) > 0) {
            next.resumeAttempt = true;
            next.restoring = token.channels();
            query.put("resume", token.token());
            return null;
        }
        return tokens.forHandshake(now);
    }

    private void onConnectFailed(SocketConnection failed, Throwable error) {
        if (connection != failed || failed.closed || closing) {
            return;
        }
        failed.closed = true;
        SwitchboardException failure = ConnectFailures.describe(error, options.url(), options.proxy());
        failFirstOpen(failure);
        int status = ConnectFailures.httpStatus(error);
        boolean refusedCredentials = status == 401 && !failed.resumeAttempt;
        if (status == 403 || (refusedCredentials && !tokens.renewable())) {
            giveUp(new SwitchboardException("closed", "gave up: " + failure.getMessage(), failure));
            return;
        }
        events.error(failure);
        if (refusedCredentials) {
            tokens.markStale();
        }
        reconnectLater();
    }

    private void reconnectLater() {
        state = ClientState.RECONNECTING;
        attempt++;
        Duration delay = backoff.delay(attempt);
        events.reconnecting(attempt, delay);
        schedule("reconnect", delay, this::open);
    }

    private void onWelcome(SocketConnection current, JsonNode welcome) {
        current.welcomed = true;
        attempt = 0;
        userId = welcome.path("user_id").isTextual() ? welcome.get("user_id").asText() : null;
        state = ClientState.OPEN;
        boolean resumed = welcome.path("resumed").asBoolean(false);
        Set<String> restoring = resumed ? current.restoring : Set.of();
        for (Subscription subscription : channels.values()) {
            subscription.confirmed = false;
            if (!restoring.contains(subscription.channel)) {
                sendSubscribe(subscription);
            }
        }
        if (!restoring.isEmpty()) {
            schedule("restore", RESTORE_TIMEOUT, () -> subscribeUnrestored(current));
        }
        acks.forEach(
                (channel, offset) -> send(frame("ack").put("channel", channel).put("offset", offset)));
        acks.clear();
        for (Request request : List.copyOf(requests.values())) {
            if (!request.sent) {
                transmit(request);
            }
        }
        renewReconnectionToken(current);
        scheduleRefresh();
        firstOpen.complete(welcome);
        events.open(welcome);
        if (resumed) {
            events.resumed(welcome);
        }
    }

    /** A channel the resume did not bring back in time (its token may predate it): subscribe to it ourselves. */
    private void subscribeUnrestored(SocketConnection current) {
        if (connection != current || state != ClientState.OPEN) {
            return;
        }
        for (Subscription subscription : List.copyOf(channels.values())) {
            if (!subscription.confirmed && current.restoring.contains(subscription.channel)) {
                sendSubscribe(subscription);
            }
        }
    }

    @Override
    public void onSocketClose(SocketConnection closed, int code, String reason) {
        if (closed.closed) {
            return;
        }
        closed.closed = true;
        if (connection != closed) {
            return;
        }
        cancel("renew", "restore", "close");
        if (resume != null) {
            resume = new ResumeToken(resume.token(), resume.expiresAt(), confirmedChannels()); // what it held at close
        }
        channels.values().forEach(subscription -> subscription.confirmed = false);
        failSentRequests(code);
        if (closed.welcomed || closing) {
            events.close(code, reason);
        }
        if (closing) {
            terminate();
            return;
        }
        if (!closed.welcomed) {
            // the upgrade succeeded but no welcome came: like a failed attempt
            failFirstOpen(new SwitchboardException(
                    "connect_failed",
                    "the gateway " + options.url() + " closed the connection (" + code + ") " + reason));
        }
        if (FINAL_CLOSE_CODES.contains(code) || (code == CREDENTIALS_EXPIRED && !tokens.renewable())) {
            giveUp(new SwitchboardException(
                    "closed", "the gateway closed the connection for good (" + code + " " + reason + ")"));
            return;
        }
        if (code == CREDENTIALS_EXPIRED) {
            tokens.markStale();
            resume = null; // the session's credentials are what expired
        }
        if (code == ABNORMAL_CLOSURE) {
            // A resume restores from the positions the gateway wrote to its socket, not those that arrived here
            // (docs/recovery.md): after a socket that died, our own `since` is the only position that loses nothing.
            resume = null;
        }
        reconnectLater();
    }

    private void failSentRequests(int code) {
        SwitchboardException lost =
                new SwitchboardException("connection_closed", "the connection closed (" + code + ") before the reply");
        for (Request request : List.copyOf(requests.values())) {
            if (request.owned) {
                requests.remove(request.id()); // a subscribe is sent again on the next connection
            } else if (request.sent) {
                requests.remove(request.id());
                request.fail(lost);
            }
        }
    }

    private void shutDown(SwitchboardException error) {
        state = ClientState.CLOSED;
        cancel(timers.keySet().stream().filter(name -> !name.equals("close")).toArray(String[]::new));
        for (Request request : List.copyOf(requests.values())) {
            if (!request.owned) {
                request.fail(error);
            }
        }
        requests.clear();
        channels.values().forEach(subscription -> subscription.settle(error, null));
        acks.clear();
        resume = null;
        failFirstOpen(error);
    }

    /** Closed for good by the gateway: fails what waits, and tells the error listeners (code {@code closed}). */
    private void giveUp(SwitchboardException reason) {
        shutDown(reason);
        events.error(reason);
        terminate();
    }

    private void terminate() {
        cancel(timers.keySet().toArray(String[]::new));
        eventThread.shutdown();
        terminated.complete(null);
    }

    private void failFirstOpen(SwitchboardException error) {
        firstOpen.completeExceptionally(error);
    }

    // ---- frames in ----

    @Override
    public void onText(SocketConnection from, String text) {
        if (from != connection || from.closed) {
            return;
        }
        log(FrameLogger.Direction.IN, text);
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (IOException e) {
            events.error(new SwitchboardException("bad_frame", "a text frame is not JSON", e));
            return;
        }
        if (frame == null || !frame.isObject()) {
            events.error(new SwitchboardException("bad_frame", "a text frame is not a JSON object"));
            return;
        }
        try {
            onFrame(from, frame);
        } catch (SwitchboardException e) {
            events.error(e);
        }
    }

    @Override
    public void onBinary(SocketConnection from, byte[] bytes) {
        if (from != connection || from.closed) {
            return;
        }
        try {
            if (options.frameLogger() != null) {
                BinaryFrameDecoder.Header header = binaryFrames.header(bytes);
                log(
                        FrameLogger.Direction.IN,
                        "binary " + header.kind() + " " + header.encoding().wireName() + " "
                                + (bytes.length - header.payloadStart()) + " bytes " + header.metadata());
            }
            deliver(binaryFrames.decode(bytes));
        } catch (SwitchboardException e) {
            events.error(e);
        }
    }

    private void onFrame(SocketConnection from, JsonNode frame) {
        String type = frame.path("type").asText();
        Request request =
                frame.hasNonNull("id") ? requests.remove(frame.get("id").asText()) : null;
        if (request != null) {
            request.answer(frame);
            return;
        }
        boolean ownFrame = !frame.hasNonNull("id");
        Subscription subscription = frame.path("channel").isTextual()
                ? channels.get(frame.get("channel").asText())
                : null;
        switch (type) {
            case "message" -> deliver(MessageFrames.text(frame));
            case "welcome" -> onWelcome(from, frame);
            case "subscribed" -> {
                if (!ownFrame) {
                    events.unhandled(frame);
                } else if (subscription != null) {
                    onSubscribed(subscription, frame); // a channel restored by a resume
                } else if (!frame.path("channel").asText().equals("user:" + userId)) {
                    send(frame("unsubscribe")
                            .put("channel", frame.path("channel").asText())); // dropped meanwhile
                }
            }
            case "unsubscribed" -> onUnsubscribedByGateway(subscription, frame);
            case "join" -> presence(subscription, frame, true);
            case "leave" -> presence(subscription, frame, false);
            case "receipt" -> events.receipt(Receipt.of(frame)); // no channel, no position: never a message
            case "error" -> onErrorFrame(subscription, frame, ownFrame);
            default -> events.unhandled(frame);
        }
    }

    private void onUnsubscribedByGateway(Subscription subscription, JsonNode frame) {
        if (subscription == null || !frame.path("reason").asText().matches("permission_revoked|channel_closed")) {
            events.unhandled(frame);
            return;
        }
        channels.remove(subscription.channel);
        String reason = frame.path("reason").asText();
        events.error(new SwitchboardException(
                reason,
                "the gateway ended " + subscription.channel + " (" + reason + ")",
                subscription.channel,
                null,
                frame,
                null));
    }

    private void presence(Subscription subscription, JsonNode frame, boolean join) {
        if (subscription != null) {
            Consumer<JsonNode> listener = join ? subscription.options.onJoin() : subscription.options.onLeave();
            events.call(() -> listener.accept(frame));
        }
    }

    private void onErrorFrame(Subscription subscription, JsonNode frame, boolean ownFrame) {
        if (!ownFrame) {
            events.unhandled(frame); // the reply to a frame of the application's own
        } else if (subscription != null && !subscription.confirmed) {
            onSubscribeRefused(subscription, SwitchboardException.fromFrame(frame)); // a restore the policy refused
        } else {
            events.error(SwitchboardException.fromFrame(frame));
        }
    }

    /** Hands a message to its channel's listener unless it was handed already: resume and {@code since} repeat some. */
    private void deliver(Message message) {
        Subscription subscription = channels.get(message.channel());
        if (subscription == null || !Position.isAfter(subscription.last, message)) {
            return;
        }
        subscription.last = Position.of(message);
        events.call(() -> subscription.listener.onMessage(message));
    }

    // ---- subscriptions ----

    private void sendSubscribe(Subscription subscription) {
        Request request = new Request(
                subscription.frame(newId()),
                true,
                reply -> onSubscribed(subscription, reply),
                error -> onSubscribeRefused(subscription, error));
        requests.put(request.id(), request);
        transmit(request);
    }

    private void onSubscribed(Subscription subscription, JsonNode frame) {
        if (channels.get(subscription.channel) != subscription) {
            return;
        }
        subscription.confirmed = true;
        Position position = Position.from(frame.get("position"));
        boolean notRecovered = frame.has("recovered") && !frame.get("recovered").asBoolean();
        if (notRecovered && subscription.last != null) {
            events.error(new SwitchboardException(
                    "not_recovered",
                    "messages of " + subscription.channel + " after offset " + subscription.last.offset()
                            + " could not be recovered",
                    subscription.channel,
                    null,
                    frame,
                    null));
            if (position != null && !position.epoch().equals(subscription.last.epoch())) {
                subscription.last = position; // another epoch: the old offset means nothing any more
            }
        } else if (subscription.last == null && position != null) {
            subscription.last = position; // where a re-subscribe continues
        }
        subscription.settle(null, frame);
    }

    private void onSubscribeRefused(Subscription subscription, SwitchboardException error) {
        if (channels.get(subscription.channel) != subscription) {
            return;
        }
        boolean retryable = error.code().equals("rate_limited") || error.code().equals("unavailable");
        if (!subscription.hasWaiters() && retryable) {
            // a re-subscribe after a reconnect (30 at once, then 1 a second): the application asked already
            SocketConnection current = connection;
            Duration delay = error.retryAfterMs().map(Duration::ofMillis).orElseGet(() -> backoff.delay(1));
            schedule("resubscribe " + subscription.channel, delay, () -> {
                boolean stillWanted = channels.get(subscription.channel) == subscription && !subscription.confirmed;
                if (stillWanted && connection == current && state == ClientState.OPEN) {
                    sendSubscribe(subscription);
                }
            });
            return;
        }
        channels.remove(subscription.channel);
        if (subscription.hasWaiters()) {
            subscription.settle(error, null);
        } else {
            events.error(error);
        }
    }

    private Set<String> confirmedChannels() {
        Set<String> confirmed = new HashSet<>();
        channels.values().stream().filter(s -> s.confirmed).forEach(s -> confirmed.add(s.channel));
        return Set.copyOf(confirmed);
    }

    // ---- tokens ----

    /** Keeps a reconnection token at hand: one now, and a new one before it expires. */
    private void renewReconnectionToken(SocketConnection current) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        request(frame("get_reconnection_token"), reply);
        reply.whenComplete((token, error) -> {
            Duration next = RENEW_RETRY;
            if (error == null && token.path("token").isTextual()) {
                Instant expiresAt =
                        Instant.ofEpochMilli(token.path("expires_at").asLong());
                resume = new ResumeToken(token.get("token").asText(), expiresAt, confirmedChannels());
                Duration left = Duration.between(clock.instant(), expiresAt);
                next = max(TokenKeeper.EXPIRY_MARGIN, left.multipliedBy(4).dividedBy(5));
            } else if (error instanceof SwitchboardException refused
                    && refused.retryAfterMs().isPresent()) {
                next = Duration.ofMillis(refused.retryAfterMs().get());
            }
            if (connection == current && !current.closed && state == ClientState.OPEN) {
                schedule("renew", next, () -> renewReconnectionToken(current));
            }
        });
    }

    /** With a token supplier: sends {@code refresh} with a new JWT a little before the current one's {@code exp}. */
    private void scheduleRefresh() {
        cancel("refresh");
        tokens.refreshDelay(clock.instant()).ifPresent(delay -> schedule("refresh", delay, this::refresh));
    }

    private void refresh() {
        if (state != ClientState.OPEN) {
            tokens.markStale(); // the next handshake asks for a new one
            return;
        }
        String token;
        try {
            token = tokens.renew();
        } catch (SwitchboardException e) {
            tokens.markStale();
            events.error(e);
            return;
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        request(frame("refresh").put("token", token), reply);
        reply.whenComplete((refreshed, error) -> {
            if (error == null) {
                scheduleRefresh();
                return;
            }
            tokens.markStale();
            if (error instanceof SwitchboardException e && !e.code().matches("connection_closed|closed")) {
                events.error(e);
            }
        });
    }

    // ---- frames out ----

    private void transmit(Request request) {
        request.sent = true;
        send(request.frame);
    }

    private void send(ObjectNode frame) {
        SocketConnection current = connection;
        if (current == null || !current.isOpen()) {
            return;
        }
        String text = frame.toString();
        if (options.frameLogger() != null) {
            log(
                    FrameLogger.Direction.OUT,
                    frame.has("token") ? frame.deepCopy().put("token", "***").toString() : text);
        }
        current.send(text);
    }

    private ObjectNode frame(String type) {
        return json.createObjectNode().put("type", type);
    }

    private String newId() {
        return Long.toString(++nextId);
    }

    private void log(FrameLogger.Direction direction, String frame) {
        FrameLogger logger = options.frameLogger();
        if (logger != null) {
            events.call(() -> logger.log(direction, frame));
        }
    }

    // ---- timers and the event thread ----

    private void schedule(String name, Duration delay, Runnable task) {
        cancel(name);
        if (!eventThread.isShutdown()) {
            timers.put(name, eventThread.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
        }
    }

    private void cancel(String... names) {
        for (String name : names) {
            ScheduledFuture<?> timer = timers.remove(name);
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private void post(Runnable task) {
        try {
            eventThread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed for good
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static SwitchboardException closedError() {
        return new SwitchboardException("closed", "the client is closed");
    }
}
