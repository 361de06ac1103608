package io.switchboard.gateway.metrics;

import static io.switchboard.gateway.metrics.GatewayMeterNames.*;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.switchboard.gateway.protocol.ClientMessage;
import io.switchboard.gateway.protocol.ErrorReply;
import io.switchboard.gateway.protocol.ServerMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Every meter of a gateway ({@link GatewayMeterNames}), with one method per event, called where it happens. Every
 * meter is registered up front (tagged ones on first use of a new tag value, then cached), so a call on a
 * per-message path is a few atomic updates: no registry lookup, no tag building, no allocation. Thread-safe.
 *
 * <pre>{@code
 * GatewayMetrics metrics = new GatewayMetrics(serviceMetrics.registry());
 * metrics.connectionOpened();
 * ...
 * metrics.connectionClosed(transport.closeCode(), Duration.ofNanos(System.nanoTime() - openedAt));
 * }</pre>
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final Clock clock;

    private final AtomicInteger active = new AtomicInteger();
    private final Counter opened;
    private final CloseCodes closed;
    private final Timer connectionDuration;
    private final TaggedCounters handshakesRejected;
    private final TaggedCounters resumes;
    private final Timer heartbeatRtt;

    private final TaggedCounters received;
    private final Counter receivedInvalid;
    private final TaggedCounters sent;
    private final Counter sentMessage;
    private final DistributionSummary sizeIn;
    private final DistributionSummary sizeOut;
    private final Counter[] errors;
    private final TaggedCounters rateLimited;
    private final TaggedCounters failures;

    private final Timer deliveryLatency;
    private final Timer fanOutDuration;
    private final DistributionSummary channelSubscribers;
    private final DistributionSummary outboundQueueDepth;
    private final Counter recovered;
    private final Counter notRecovered;
    private final Counter deliveriesHeld;
    private final Counter duplicates;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = registry.config().clock();
        Gauge.builder(CONNECTIONS_ACTIVE, active, AtomicInteger::get)
                .description("open WebSocket connections")
                .register(registry);
        opened = GatewayCounters.opened(registry);
        closed = GatewayCounters.closed(registry);
        connectionDuration = GatewayDistributions.connectionDuration(registry);
        handshakesRejected = GatewayCounters.handshakesRejected(registry);
        resumes = GatewayCounters.resumes(registry);
        heartbeatRtt = GatewayDistributions.heartbeatRtt(registry);

        received = GatewayCounters.received(registry);
        receivedInvalid = received.get("invalid");
        sent = GatewayCounters.sent(registry);
        sentMessage = sent.get("message");
        sizeIn = GatewayDistributions.messageSize(registry, "in");
        sizeOut = GatewayDistributions.messageSize(registry, "out");
        errors = GatewayCounters.errors(registry);
        rateLimited = GatewayCounters.rateLimited(registry);
        failures = GatewayCounters.failures(registry);

        deliveryLatency = GatewayDistributions.deliveryLatency(registry);
        fanOutDuration = GatewayDistributions.fanOutDuration(registry);
        channelSubscribers = GatewayDistributions.channelSubscribers(registry);
        outboundQueueDepth = GatewayDistributions.outboundQueueDepth(registry);
        TaggedCounters recoveries = GatewayCounters.recoveries(registry);
        recovered = recoveries.get("recovered");
        notRecovered = recoveries.get("not_recovered");
        deliveriesHeld = Counter.builder(DELIVERIES_HELD)
                .description("time the delivery consumer held back reading Kafka while the outbound backlog was full")
                .baseUnit("seconds")
                .register(registry);
        duplicates = Counter.builder(DELIVERIES_DUPLICATES)
                .description("copies of deliveries routed again by a processor after a crash, dropped by their source"
                        + " position")
                .register(registry);
    }

    /** Metrics that go nowhere, for tests and tools that run gateway parts without a registry. */
    public static GatewayMetrics noop() {
        return new GatewayMetrics(new CompositeMeterRegistry());
    }

    // ---- connections

    /** A WebSocket connection opened (a resumed one included). */
    public void connectionOpened() {
        active.incrementAndGet();
        opened.increment();
    }

    /**
     * A connection closed.
     *
     * @param code the close code: the gateway's, else the peer's, else 1006 (no close frame)
     * @param lived how long it was open
     */
    public void connectionClosed(int code, Duration lived) {
        active.decrementAndGet();
        closed.of(code).increment();
        connectionDuration.record(lived);
    }

    /** An upgrade request was refused with this HTTP status (bad request, credentials, origin, limits, draining). */
    public void handshakeRejected(int status) {
        handshakesRejected.get(Integer.toString(status)).increment();
    }

    /** A {@code resume=} handshake restored its session. */
    public void resumed() {
        resumes.get("resumed").increment();
    }

    /** A {@code resume=} handshake was refused: 401 ({@code refused}) or 503 ({@code unavailable}). */
    public void resumeRefused(int status) {
        resumes.get(status == 401 ? "refused" : "unavailable").increment();
    }

    /** A pong answered the server's ping after this many nanoseconds. */
    public void heartbeatAnswered(long roundTripNanos) {
        heartbeatRtt.record(roundTripNanos, TimeUnit.NANOSECONDS);
    }

    // ---- messages

    /** A client frame was decoded into this message. */
    public void messageReceived(ClientMessage message, int bytes) {
        received.get(MessageTypes.of(message)).increment();
        sizeIn.record(bytes);
    }

    /** A client frame could not be decoded (answered with {@code bad_request} or {@code message_too_large}). */
    public void invalidMessageReceived(int bytes) {
        receivedInvalid.increment();
        sizeIn.record(bytes);
    }

    /** A reply or notice was queued to a connection, encoded in {@code bytes}; an {@code error} counts by code. */
    public void messageSent(ServerMessage message, int bytes) {
        sent.get(message.type()).increment();
        sizeOut.record(bytes);
        if (message instanceof ErrorReply error) {
            errors[error.code().ordinal()].increment();
        }
    }

    /**
     * An action or handshake was refused by a limit, e.g. {@code subscribe}, {@code ping}, {@code handshake},
     * {@code user_connections}; always a constant of the code.
     */
    public void rateLimited(String limit) {
        rateLimited.get(limit).increment();
    }

    /** A failure caught at an edge was logged with this stable key (e.g. {@code delivery-invalid}). */
    public void failure(String key) {
        failures.get(key).increment();
    }

    // ---- delivery

    /**
     * A delivered record was queued to {@code delivered} local subscribers (those its channel has, less any that
     * could take none of its forms), which took {@code elapsedNanos}.
     */
    public void fannedOut(int delivered, long elapsedNanos) {
        sentMessage.increment(delivered);
        channelSubscribers.record(delivered);
        fanOutDuration.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A presence notice's {@code join} or {@code leave} frame of {@code bytes}, built once, was queued to {@code
     * delivered} local subscribers (those of its channel that asked for presence).
     */
    public void presenceChangeFannedOut(ServerMessage.PresenceChange change, int delivered, int bytes) {
        sent.get(change.type()).increment(delivered);
        sizeOut.record(bytes);
    }

    /**
     * A {@code message} frame of {@code bytes} was built for a delivered record: once per form (inflated, or as
     * stored) that some subscriber needed, however many subscribers it was queued to.
     */
    public void deliveryFrameBuilt(int bytes) {
        sizeOut.record(bytes);
    }

    /** A recovered {@code message} frame was queued to the one connection recovering it. */
    public void recoveredMessageSent(int frameBytes) {
        sentMessage.increment();
        sizeOut.record(frameBytes);
    }

    /**
     * A live {@code message} frame of an event of this time (epoch milliseconds) was written to a socket. Not for
     * recovered or replayed messages: their age is not delivery latency. A clock behind the producer's counts as 0.
     */
    public void messageWritten(long eventTimeMillis) {
        long latency = clock.wallTime() - eventTimeMillis;
        deliveryLatency.record(Math.max(0, latency), TimeUnit.MILLISECONDS);
    }

    /** A connection's writer took a batch of this many frames from its outbound queue (its depth at that moment). */
    public void outboundBatchTaken(int frames) {
        outboundQueueDepth.record(frames);
    }

    /** A subscribe with {@code since} was answered {@code recovered: true} or {@code false}. */
    public void recoveryAnswered(boolean wasRecovered) {
        (wasRecovered ? recovered : notRecovered).increment();
    }

    /** Publishes the outbound backlog (bytes) and the I/O threads' lag (nanoseconds, read as seconds). */
    public void bindBacklog(LongSupplier backlogBytes, LongSupplier ioLagNanos) {
        Gauge.builder(OUTBOUND_BACKLOG, backlogBytes::getAsLong)
                .description("bytes queued for all connections, not yet taken by their writers")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(IO_LAG, () -> ioLagNanos.getAsLong() / 1e9)
                .description("how long a task queued to the busiest I/O thread waits (recent maximum)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** A copy of a delivery already passed (same source position) was dropped, live or in a recovery. */
    public void duplicateDropped() {
        duplicates.increment();
    }

    /** The delivery consumer held back reading Kafka for this long: the outbound backlog was over its bound. */
    public void deliveriesHeld(long nanos) {
        deliveriesHeld.increment(nanos / 1e9);
    }

    /**
     * Publishes the subscription gauges, read at each scrape from another thread than the one that changes them: the
     * suppliers must be safe to call from any thread (e.g. backed by volatile or atomic counters). Call once.
     *
     * @param subscriptions subscriptions held by this gateway's connections
     * @param channels channels with at least one local subscriber
     */
    public void bindSubscriptions(IntSupplier subscriptions, IntSupplier channels) {
        Gauge.builder(SUBSCRIPTIONS, subscriptions::getAsInt)
                .description("subscriptions held by this gateway's connections")
                .register(registry);
        Gauge.builder(CHANNELS, channels::getAsInt)
                .description("channels with at least one local subscriber")
                .register(registry);
    }
}
