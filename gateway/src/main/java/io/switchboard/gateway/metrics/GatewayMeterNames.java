package io.switchboard.gateway.metrics;

/**
 * The name of every gateway meter, in Micrometer's dotted form. The Prometheus registry writes them in snake case
 * with unit and type suffixes: {@code switchboard.gateway.connections.opened} is scraped as {@code
 * switchboard_gateway_connections_opened_total}, {@code switchboard.gateway.delivery.latency} as {@code
 * switchboard_gateway_delivery_latency_seconds_bucket}/{@code _count}/{@code _sum}/{@code _max}. Every meter also
 * carries the registry's common tags ({@code application}, {@code instance}).
 */
final class GatewayMeterNames {
    private static final String PREFIX = "switchboard.gateway.";

    /** Gauge: open WebSocket connections. */
    static final String CONNECTIONS_ACTIVE = PREFIX + "connections.active";
    /** Counter: connections opened (upgrades completed, resumes included). */
    static final String CONNECTIONS_OPENED = PREFIX + "connections.opened";
    /** Counter, tags {@code code} and {@code reason}: connections closed, by close code. */
    static final String CONNECTIONS_CLOSED = PREFIX + "connections.closed";
    /** Timer: how long connections lived, with buckets from 1 s to 7 days. */
    static final String CONNECTION_DURATION = PREFIX + "connection.duration";
    /** Counter, tag {@code status}: upgrade requests refused with this HTTP status (401, 403, 429, 503, ...). */
    static final String HANDSHAKES_REJECTED = PREFIX + "handshakes.rejected";
    /** Counter, tag {@code outcome} ({@code resumed}, {@code refused}, {@code unavailable}): resume handshakes. */
    static final String RESUMES = PREFIX + "resumes";
    /** Timer with a percentile histogram: WebSocket ping to pong round trips. */
    static final String HEARTBEAT_RTT = PREFIX + "heartbeat.rtt";

    /** Counter, tag {@code type} (the client message type, or {@code invalid}): client frames received. */
    static final String MESSAGES_RECEIVED = PREFIX + "messages.received";
    /** Counter, tag {@code type} (the server frame type: {@code message}, {@code subscribed}, ...): frames queued. */
    static final String MESSAGES_SENT = PREFIX + "messages.sent";
    /**
     * Distribution summary in bytes, tag {@code direction}: {@code in} per client frame, {@code out} per server frame
     * built (a delivery frame, built once per form for all its subscribers, counts once).
     */
    static final String MESSAGE_SIZE = PREFIX + "message.size";
    /** Counter, tag {@code code} (wire name, e.g. {@code rate_limited}): {@code error} frames sent. */
    static final String ERRORS = PREFIX + "errors";
    /** Counter, tag {@code limit}: actions or handshakes refused by a rate limit or connection cap. */
    static final String RATE_LIMITED = PREFIX + "rate.limited";
    /** Counter, tag {@code key} (the stable log key): failures caught at the edges, logged once and counted. */
    static final String FAILURES = PREFIX + "failures";

    /** Timer with a percentile histogram: event time to the {@code message} frame written to a socket (live only). */
    static final String DELIVERY_LATENCY = PREFIX + "delivery.latency";
    /** Timer with a percentile histogram: queueing one delivered record's frame to every local subscriber. */
    static final String FANOUT_DURATION = PREFIX + "fanout.duration";
    /** Distribution summary: local subscribers each delivered record was queued to. */
    static final String CHANNEL_SUBSCRIBERS = PREFIX + "channel.subscribers";
    /** Distribution summary in frames: what a connection's writer found queued each time it took a batch. */
    static final String OUTBOUND_QUEUE_DEPTH = PREFIX + "outbound.queue.depth";
    /**
     * Gauge in bytes: frames queued for all connections and not yet taken by their writers. Past {@code
     * gateway.outbound.max-backlog-bytes} the gateway is behind and holds back reading Kafka.
     */
    static final String OUTBOUND_BACKLOG = PREFIX + "outbound.backlog";
    /** Gauge in seconds: how long a task queued to the busiest I/O thread waits now (recent maximum). */
    static final String IO_LAG = PREFIX + "io.lag";
    /**
     * Counter in seconds: time the delivery consumer held back reading Kafka because the outbound backlog was over its
     * bound (the gateway was behind; latency grows, nothing is lost).
     */
    static final String DELIVERIES_HELD = PREFIX + "deliveries.held";
    /** Copies of deliveries a processor routed again after a crash, dropped before any client saw them. */
    static final String DELIVERIES_DUPLICATES = PREFIX + "deliveries.duplicates";
    /** Gauge: subscriptions held (a connection holding a channel counts once). */
    static final String SUBSCRIPTIONS = PREFIX + "subscriptions";
    /** Gauge: channels with at least one local subscriber. */
    static final String CHANNELS = PREFIX + "channels";
    /** Counter, tag {@code outcome} ({@code recovered}, {@code not_recovered}): subscribes with {@code since}. */
    static final String RECOVERIES = PREFIX + "recoveries";

    private GatewayMeterNames() {}
}
