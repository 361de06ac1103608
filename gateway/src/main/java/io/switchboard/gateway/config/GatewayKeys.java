package io.switchboard.gateway.config;

import static io.switchboard.config.ConfigKey.bool;
import static io.switchboard.config.ConfigKey.integer;
import static io.switchboard.config.ConfigKey.list;
import static io.switchboard.config.ConfigKey.text;

import io.switchboard.config.ConfigKey;
import io.switchboard.config.ConfigTable;
import io.switchboard.schemas.Topics;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every configuration key of the gateway, documented once beside its default and accepted values (docs/configuration.md
 * is generated from {@link #TABLE}). The key names are constants of the records that read them ({@link
 * GatewayConfig}, {@link LimitsConfig}, {@link OperationsConfig}, {@link HeartbeatConfig}, {@link OutageConfig}).
 */
public final class GatewayKeys {
    private static final long BURST_MAX = 1_000_000;
    private static final String PER_SECOND = ", 0.001 to 1000000 (fractions allowed).";

    private static final List<ConfigKey> SERVER = List.of(
            text(GatewayConfig.HOST, "0.0.0.0", "Address to bind (`dev`: 127.0.0.1)."),
            integer(GatewayConfig.PORT, "8080", 0, 65_535, "Port to bind; 0 picks a free one."),
            integer(
                    GatewayConfig.IO_THREADS,
                    "0",
                    0,
                    1024,
                    "I/O threads, which read and write every connection's socket; 0 = one per core the JVM may use "
                            + "(as `taskset` or the container's CPU limit allows), at least 2."),
            text(
                    GatewayConfig.ID,
                    "",
                    "Gateway id, the key of its replies on `switchboard.replies`, at most 100 characters; empty = "
                            + "`gw-` + 96 random bits. Give each gateway its own."),
            text(GatewayConfig.TOPIC_PREFIX, Topics.DEFAULT_PREFIX, "Prefix of every topic name."),
            text(GatewayConfig.BOOTSTRAP_SERVERS, "localhost:9092", "Kafka bootstrap servers."));

    private static final List<ConfigKey> AUTH = List.of(
            bool(
                    GatewayConfig.AUTH_ANONYMOUS,
                    "false",
                    "Accept connections without credentials as anonymous (`dev`: true). With it off, a key to verify "
                            + "tokens is required."),
            list(
                    GatewayConfig.AUTH_ALLOWED_ORIGINS,
                    AuthConfig.SAME_ORIGIN,
                    "Origins browsers may connect from: exact `scheme://host[:port]` entries (compared with lowercase "
                            + "scheme and host, default ports made explicit), and `same-origin` (the request's own "
                            + "scheme and Host); empty = no check (`dev`). A request without Origin (not a browser) "
                            + "passes; `Origin: null` is refused. Others get 403."),
            text(
                    GatewayConfig.AUTH_JWT_SECRET,
                    "",
                    "Shared secret of HS256/384/512 tokens, used as its UTF-8 bytes: at least 32 bytes (64 for HS512). "
                            + "Secret: never logged."),
            text(
                    GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                    "",
                    "PEM file (`BEGIN PUBLIC KEY`) of an RSA (RS256) or EC P-256 (ES256) public key."),
            text(GatewayConfig.AUTH_JWT_JWKS_FILE, "", "JWKS file of public keys (RS256, ES256), read at start."),
            text(
                    GatewayConfig.AUTH_JWT_JWKS_URL,
                    "",
                    "http(s) URL of a JWKS, fetched when needed, cached, refreshed on an unknown `kid`."),
            list(
                    GatewayConfig.AUTH_JWT_ALGORITHMS,
                    "",
                    "Accepted algorithms, of HS256, HS384, HS512, RS256, ES256; the token's header never decides. "
                            + "Empty = derived from the keys: secret HS256, RSA key RS256, EC key ES256, JWKS RS256 and "
                            + "ES256."),
            text(GatewayConfig.AUTH_JWT_ISSUER, "", "Required exact `iss`; empty = not checked."),
            text(
                    GatewayConfig.AUTH_JWT_AUDIENCE,
                    "",
                    "Required `aud` (one of the token's audiences, exact); empty = not checked."),
            integer(
                    GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS,
                    "30",
                    0,
                    600,
                    "Seconds of tolerance on `exp` and `nbf`; also delays the 4001 close."),
            text(
                    GatewayConfig.AUTH_JWT_ROLES_CLAIM,
                    "roles",
                    "Claim holding the roles, an array of strings (missing = no roles)."),
            integer(
                    GatewayConfig.AUTH_JWT_JWKS_CACHE_SECONDS,
                    "300",
                    1,
                    86_400,
                    "Seconds a JWKS fetched from the URL is used before it is fetched again."),
            integer(
                    GatewayConfig.AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS,
                    "30",
                    0,
                    3600,
                    "Least seconds between two fetches of the JWKS URL (a token with an unknown `kid` asks for one); "
                            + "0 = no limit."));

    private static final List<ConfigKey> WEBSOCKET = List.of(
            integer(
                    GatewayConfig.RESUME_TIMEOUT_MS,
                    "10000",
                    1,
                    600_000,
                    "Milliseconds a `resume=<token>` handshake waits for the processor to decide on its token; the "
                            + "upgrade gets HTTP 503 when no answer comes in time (no thread waits meanwhile)."),
            integer(
                    GatewayConfig.WS_MAX_MESSAGE_BYTES,
                    "65536",
                    1,
                    16 * 1024 * 1024,
                    "Largest inbound WebSocket message in bytes (all fragments of it); larger closes with 1009."),
            bool(
                    GatewayConfig.WS_PERMESSAGE_DEFLATE,
                    "false",
                    "Offer permessage-deflate (RFC 7692) to clients that ask for it; clients that don't are "
                            + "unaffected. Costs about 100–120 KB of memory per deflating connection "
                            + "([benchmarks.md](benchmarks.md)); the processor's compress-once is the cheaper way to "
                            + "shrink large payloads."),
            integer(
                    GatewayConfig.WS_DEFLATE_LEVEL,
                    "6",
                    1,
                    9,
                    "zlib level of permessage-deflate, 1 (fastest) to 9 (smallest)."),
            integer(
                    GatewayConfig.OUTBOUND_MAX_QUEUED_BYTES,
                    "1048576",
                    1,
                    Integer.MAX_VALUE,
                    "Bytes waiting for one connection before it is closed with 4009 (slow consumer), once its socket "
                            + "has also stopped taking them for the stall grace."),
            integer(
                    GatewayConfig.OUTBOUND_MAX_QUEUED_FRAMES,
                    "1024",
                    1,
                    1_000_000,
                    "Frames waiting for one connection before it is closed with 4009, once its socket has also "
                            + "stopped taking them."),
            integer(
                    GatewayConfig.OUTBOUND_CLOSE_TIMEOUT_MS,
                    "5000",
                    1,
                    600_000,
                    "Milliseconds a close frame may take to leave before the socket is closed hard."),
            integer(
                    GatewayConfig.OUTBOUND_STALL_GRACE_MS,
                    "500",
                    0,
                    600_000,
                    "Milliseconds a batch may wait for its socket to take it (the time the gateway's own I/O thread "
                            + "was behind not counted) before a connection over its queue bounds is closed with 4009; "
                            + "0 = the bounds are strict."),
            integer(
                    GatewayConfig.OUTBOUND_MAX_BACKLOG_BYTES,
                    Long.toString(64L * 1024 * 1024),
                    1,
                    Long.MAX_VALUE,
                    "Bytes waiting for all connections together past which the gateway stops reading Kafka until its "
                            + "writers have halved them: when the gateway itself is behind, latency grows, Kafka keeps "
                            + "the messages, and no client that reads is closed."),
            integer(
                    GatewayConfig.OUTBOUND_BATCH_WAIT_MS,
                    "20",
                    0,
                    1_000,
                    "Milliseconds records may gather in Kafka before the gateway takes them (a fetch is answered "
                            + "after this long, or as soon as 1 MiB waits), so that one write per socket carries all "
                            + "of them: a socket write costs the same for one message or many. 0 = take each record "
                            + "as soon as it is visible (lowest latency, most writes)."));

    private static final List<ConfigKey> OPERATIONS = List.of(
            text(
                    HeartbeatConfig.PROFILE,
                    HeartbeatProfile.PRODUCTION.configName(),
                    "Heartbeat defaults: `production` (ping every 25 s, close with 4010 after 75 s of silence), "
                            + "`staging` (30 s / 90 s), `development` (45 s / 135 s; `dev` uses it)."),
            integer(
                    HeartbeatConfig.INTERVAL_MS,
                    "",
                    0,
                    3_600_000,
                    "Milliseconds between server pings, announced as `heartbeat_ms`; empty = the profile's, 0 = none."),
            integer(
                    HeartbeatConfig.TIMEOUT_MS,
                    "",
                    0,
                    3_600_000,
                    "Milliseconds of silence (no frame of any kind) after which a connection is closed with 4010; "
                            + "empty = the profile's, 0 = never; longer than the interval."),
            integer(
                    OutageConfig.SILENCE_MS,
                    "5000",
                    100,
                    600_000,
                    "Milliseconds of Kafka silence after which the gateway counts it as unreachable: actions get "
                            + "`unavailable` at once, upgrades 503, `/health/ready` 503."),
            integer(
                    OutageConfig.MAX_PENDING_ACTIONS,
                    "10000",
                    1,
                    1_000_000,
                    "Client actions waiting for the producer's acknowledgement; beyond it an action gets "
                            + "`unavailable`."),
            integer(
                    OutageConfig.MAX_PENDING_BYTES,
                    Long.toString(16L * 1024 * 1024),
                    1024,
                    1024L * 1024 * 1024,
                    "Bytes of client actions waiting for the producer's acknowledgement; beyond it an action gets "
                            + "`unavailable`."),
            integer(
                    OperationsConfig.DRAIN_GRACE_MS,
                    "10000",
                    1,
                    600_000,
                    "On SIGTERM: milliseconds the drain may take in all (not ready, new upgrades 503, 1001 to every "
                            + "client, producer flushed); whatever is left then is closed hard."),
            integer(
                    OperationsConfig.DRAIN_DELAY_MS,
                    "0",
                    0,
                    60_000,
                    "On SIGTERM: milliseconds, within the grace, the gateway stays unready but keeps its clients "
                            + "before closing them with 1001: set it above what a load balancer takes to see the "
                            + "gateway unready (check interval × failures, plus one interval), so that no reconnect "
                            + "comes back to it. Less than `gateway.drain.grace-ms`."),
            integer(
                    OperationsConfig.LEASE_INTERVAL_MS,
                    "5000",
                    0,
                    3_600_000,
                    "Milliseconds between renewals of the gateway's lease on the compacted `<prefix>.gateways` (key: "
                            + "gateway id); a graceful stop writes a tombstone after its connections' Disconnects. 0 = "
                            + "no lease: the processor never purges this gateway's connections, even after a crash."),
            integer(
                    OperationsConfig.LEASE_TTL_MS,
                    "20000",
                    1,
                    86_400_000,
                    "Milliseconds one renewal is valid: when it passes without a renewal the processor takes the "
                            + "gateway for crashed and purges its connections (as if each had sent Disconnect). At "
                            + "least twice `gateway.lease.interval-ms`, or the start fails naming this key."),
            integer(
                    OperationsConfig.CONNECTIONS_SUMMARY_INTERVAL_MS,
                    "10000",
                    0,
                    3_600_000,
                    "Milliseconds between two summaries of the gateway (connections, traffic, errors, latency; no user "
                            + "ids) on the channel `connections`, which admins may subscribe to; 0 = never. See "
                            + "[operations.md](operations.md)."));

    private static final List<ConfigKey> LIMITS = List.of(
            burst(LimitsConfig.PING_BURST, "120", "JSON `ping` per user (or anonymous connection)"),
            perSecond(LimitsConfig.PING_PER_SECOND, "2", "`ping`"),
            burst(LimitsConfig.SUBSCRIBE_BURST, "30", "`subscribe`"),
            perSecond(LimitsConfig.SUBSCRIBE_PER_SECOND, "1", "`subscribe`"),
            burst(LimitsConfig.UNSUBSCRIBE_BURST, "30", "`unsubscribe`"),
            perSecond(LimitsConfig.UNSUBSCRIBE_PER_SECOND, "1", "`unsubscribe`"),
            burst(LimitsConfig.RECONNECTION_TOKEN_BURST, "10", "`get_reconnection_token`"),
            perSecond(LimitsConfig.RECONNECTION_TOKEN_PER_SECOND, "1", "`get_reconnection_token`"),
            burst(
                    LimitsConfig.OTHER_BURST,
                    "60",
                    "every other message: `publish` (text or binary), `ack`, `refresh`, unreadable frames"),
            perSecond(LimitsConfig.OTHER_PER_SECOND, "10", "other messages"),
            integer(
                    LimitsConfig.ABUSE_MAX_REFUSED,
                    "50",
                    0,
                    1_000_000,
                    "Refused messages a connection may send within `abuse.window-ms`; the next refused one closes it "
                            + "with 4008. 0 = the first refusal closes."),
            integer(LimitsConfig.ABUSE_WINDOW_MS, "10000", 1, 3_600_000, "Milliseconds of `abuse.max-refused`."),
            burst(
                    LimitsConfig.HANDSHAKES_BURST,
                    "20",
                    "upgrade requests per client address (then HTTP 429 with `Retry-After`)"),
            perSecond(LimitsConfig.HANDSHAKES_PER_SECOND, "10", "upgrade requests"),
            integer(
                    LimitsConfig.HANDSHAKES_IPV6_PREFIX_LENGTH,
                    "64",
                    32,
                    128,
                    "IPv6 clients share a handshake bucket per network of this prefix length."),
            integer(
                    LimitsConfig.CONNECTIONS_PER_USER,
                    "100",
                    0,
                    10_000_000,
                    "Open connections of one user on this gateway; more get 429. 0 = no cap."),
            integer(
                    LimitsConfig.CONNECTIONS_MAX,
                    "50000",
                    0,
                    10_000_000,
                    "Open connections of this gateway; more get 429. 0 = no cap."),
            list(
                    LimitsConfig.TRUSTED_PROXIES,
                    "",
                    "Proxies whose `X-Forwarded-For` (the client address, for the limits) and `X-Forwarded-Proto` (the "
                            + "scheme the `same-origin` check compares, when the proxy ended TLS) are believed: IPv4 "
                            + "or IPv6 addresses and CIDR blocks (e.g. `10.0.0.0/8, fd00::/8`), comma-separated. The "
                            + "client address is then the right-most forwarded address that is not a trusted proxy. "
                            + "Empty = both headers ignored."));

    /** The gateway's keys, each with its default, accepted values and meaning: the one table of them. */
    public static final ConfigTable TABLE = new ConfigTable(
            "Gateway (`switchboard gateway`, and the gateway inside `dev`)",
            "",
            Stream.of(SERVER, AUTH, WEBSOCKET, OPERATIONS, LIMITS)
                    .flatMap(List::stream)
                    .toList(),
            """
            Raw Kafka client properties for the gateway's producer and consumers pass through under `kafka.` (e.g. \
            `kafka.security.protocol`).

            A gateway with anonymous access off and no key configured fails at start, naming \
            `gateway.auth.jwt.secret`.

            The outbound bounds are what a client that stops reading may hold before it is shed. A burst is not a \
            slow consumer: while the connection's writer keeps taking frames, the queue may briefly hold up to 4× its \
            bounds; once the writer has made no progress for the stall grace (the socket is full), the bounds apply \
            strictly. Frames are shared between connections, so the bound is mostly references to bytes held once \
            per gateway.

            Rate limits are token buckets: a full bucket holds `burst` tokens, regains `per-second` a second \
            (continuously), and each message takes one; a burst of 0 switches that limit off. A user's buckets are \
            shared by all its connections on a gateway and outlive them, so reconnecting does not refill them; an \
            anonymous connection has its own. A message finding its bucket empty is not handled and gets `error` \
            `rate_limited` with `retry_after_ms`. More than `abuse.max-refused` refusals within `abuse.window-ms` \
            close the connection with 4008. Before the upgrade: a handshake bucket per client address (429 + \
            `Retry-After`) and caps per user and per gateway (429; a place is freed when the socket closes). The \
            client address is the peer, or, when the peer is a trusted proxy, the right-most `X-Forwarded-For` entry \
            that is not itself a trusted proxy.
            """);

    private GatewayKeys() {}

    private static ConfigKey burst(String name, String defaultValue, String what) {
        return integer(
                name, defaultValue, 0, BURST_MAX, "Bucket of " + what + ": tokens a full bucket holds; 0 = no limit.");
    }

    // A rate may be fractional (0.5 a second), so it is text here and LimitsConfig parses and bounds it.
    private static ConfigKey perSecond(String name, String defaultValue, String what) {
        return text(name, defaultValue, "Tokens the bucket of " + what + " regains a second" + PER_SECOND);
    }
}
