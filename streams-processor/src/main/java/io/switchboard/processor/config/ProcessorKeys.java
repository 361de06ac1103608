package io.switchboard.processor.config;

import io.switchboard.config.ConfigKey;
import io.switchboard.config.ConfigTable;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the processor, documented once beside its default and accepted values in {@link
 * #TABLE} (docs/configuration.md is generated from it). Environment variables follow
 * {@code io.switchboard.config.Settings#envName}: {@code processor.commit-interval-ms} is {@code
 * SWITCHBOARD_PROCESSOR_COMMIT_INTERVAL_MS}. Raw Kafka client properties pass through under {@code kafka.} (every
 * client: consumers, producers, admin) and raw Kafka Streams properties under {@code streams.}; those win over the
 * keys below.
 */
public final class ProcessorKeys {
    public static final String BOOTSTRAP_SERVERS = "processor.bootstrap-servers";
    public static final String APPLICATION_ID = "processor.application-id";
    public static final String TOPIC_PREFIX = "processor.topic-prefix";
    static final String PROCESSING_GUARANTEE = "processor.processing-guarantee";
    static final String COMMIT_INTERVAL_MS = "processor.commit-interval-ms";
    public static final String EVENTS_PROCESSING_GUARANTEE = "processor.events.processing-guarantee";
    public static final String EVENTS_COMMIT_INTERVAL_MS = "processor.events.commit-interval-ms";
    static final String READBACK_COMMIT_INTERVAL_MS = "processor.readback.commit-interval-ms";
    static final String LINGER_MS = "processor.linger-ms";
    public static final String STATE_DIR = "processor.state-dir";
    static final String FAMILIES = "processor.families";
    static final String PRESENCE_FAMILIES = "processor.presence.families";
    static final String PARTITIONS = "processor.topics.partitions";
    public static final String REPLICATION_FACTOR = "processor.topics.replication-factor";
    static final String ACL_RECHECK_INTERVAL_MS = "processor.acl.recheck-interval-ms";
    static final String GATEWAYS_CHECK_INTERVAL_MS = "processor.gateways.check-interval-ms";
    static final String SESSIONS_TOKEN_TTL_MS = "processor.sessions.token-ttl-ms";
    static final String RECEIPTS_RETENTION_MS = "processor.receipts.retention-ms";
    static final String COMPRESSION_CODEC = "processor.compression.codec";
    static final String COMPRESSION_MIN_BYTES = "processor.compression.min-bytes";
    static final String COMPRESSION_FAMILIES = "processor.compression.families";
    public static final String HTTP_HOST = "processor.http.host";
    public static final String HTTP_PORT = "processor.http.port";

    /** Families of DESIGN.md's default policy; {@code user} (personal channels) is always known on top. */
    static final String DEFAULT_FAMILIES = "metrics,signals,actions,logs,status,connections,broadcasts,"
            + "track_comments,forum_threads,forum_global,book_requests";

    /** The processor's keys, each with its default, accepted values and meaning: the one table of them. */
    public static final ConfigTable TABLE = new ConfigTable(
            "Processor (`switchboard processor`, and the processor inside `dev`)",
            "",
            List.of(
                    ConfigKey.text(
                            BOOTSTRAP_SERVERS, "localhost:9092", "Kafka bootstrap servers, host:port[,host:port...]."),
                    ConfigKey.text(
                            APPLICATION_ID,
                            "switchboard-processor",
                            "Kafka Streams application id: the consumer group and transactional id prefix. Instances "
                                    + "with the same id share the partitions. The events app (routing of "
                                    + "switchboard.events) runs as `<id>-events`, the read-back app (confirmations "
                                    + "of publishes) as `<id>-readback`. 1-200 of `[A-Za-z0-9._-]`."),
                    ConfigKey.text(
                            TOPIC_PREFIX, "switchboard", "Prefix of every topic name (switchboard.events, ...)."),
                    ConfigKey.text(
                            PROCESSING_GUARANTEE,
                            "exactly_once_v2",
                            "exactly_once_v2 or at_least_once, for the core app: client actions, publishes, "
                                    + "reconnection tokens, cursors. Under exactly_once_v2 output is visible to "
                                    + "read_committed consumers (the gateways) only after a commit."),
                    ConfigKey.integer(
                            COMMIT_INTERVAL_MS,
                            "20",
                            0,
                            3_600_000,
                            "Milliseconds between commits of the core app; under exactly_once_v2 the longest its "
                                    + "output (replies, publishes) waits before read_committed consumers see it (20: "
                                    + "p50 26 ms, p99 75 ms to the socket; 100: 69 and 131 ms, for about a third less "
                                    + "broker CPU). 0 commits after every processing loop."),
                    ConfigKey.text(
                            EVENTS_PROCESSING_GUARANTEE,
                            "at_least_once",
                            "at_least_once or exactly_once_v2, for the events app that routes switchboard.events to "
                                    + "the output topics. at_least_once: deliveries are visible at once, no commit in "
                                    + "their latency; after a crash the events since the last commit are routed again "
                                    + "and the gateways drop the copies by their switchboard.source header. "
                                    + "exactly_once_v2: the behaviour before, with the commit in every event's "
                                    + "latency."),
                    ConfigKey.integer(
                            EVENTS_COMMIT_INTERVAL_MS,
                            "100",
                            0,
                            3_600_000,
                            "Milliseconds between commits of the events app. At at_least_once it bounds only how "
                                    + "much is routed again after a crash; at exactly_once_v2 it is the longest a "
                                    + "delivery waits before the gateways see it. 0 commits after every processing "
                                    + "loop."),
                    ConfigKey.integer(
                            READBACK_COMMIT_INTERVAL_MS,
                            "1000",
                            0,
                            10_000,
                            "Milliseconds between commits of the read-back app, which reads the output topics back to "
                                    + "answer publishes with `published` and to note the messages that asked for "
                                    + "receipts, under the core app's guarantee. A record it answers is committed at "
                                    + "once; this interval bounds only how often the position of the others is "
                                    + "committed (each commit is a transaction under exactly_once_v2) and how much is "
                                    + "read again after a crash. At most 10000: under exactly_once_v2 Kafka Streams "
                                    + "refuses an interval longer than its transaction timeout (10 s). 0 commits "
                                    + "after every processing loop."),
                    ConfigKey.integer(
                            LINGER_MS,
                            "5",
                            0,
                            60_000,
                            "Milliseconds the producer waits to batch output records (Kafka Streams' own default, "
                                    + "100, delays at_least_once delivery by up to that much). 0 sends at once."),
                    ConfigKey.text(
                            STATE_DIR,
                            "",
                            "Directory of local state stores. Empty: <java.io.tmpdir>/<application id>."),
                    ConfigKey.list(
                            FAMILIES,
                            DEFAULT_FAMILIES,
                            "Comma-separated channel families the processor creates output topics for and routes "
                                    + "events to ('user' is always known; a family named by an ACL rule is routed "
                                    + "too). Who may subscribe or publish is the ACL's decision."),
                    ConfigKey.list(
                            PRESENCE_FAMILIES,
                            "forum_threads,chat_rooms,book_requests",
                            "Comma-separated families whose channels have presence: the processor counts each "
                                    + "user's connections holding such a channel, writes join and leave notices to "
                                    + "the channel's output topic and answers presence queries. Empty: none. 'user' "
                                    + "is refused (personal channels have no presence)."),
                    ConfigKey.integer(
                            PARTITIONS, "3", 1, 10_000, "Partitions of the topics the processor creates at start."),
                    ConfigKey.integer(
                            REPLICATION_FACTOR,
                            "1",
                            1,
                            Short.MAX_VALUE,
                            "Replication factor of the topics the processor creates at start; use 3 in production."),
                    ConfigKey.integer(
                            ACL_RECHECK_INTERVAL_MS,
                            "1000",
                            10,
                            600_000,
                            "Milliseconds (wall clock) between looks at switchboard.acl for a change; after one, "
                                    + "every live subscription is checked again and those no longer allowed end with "
                                    + "reason permission_revoked. Bounds how long a revoked subscription lives on "
                                    + "(plus the commit interval). 0 is refused: revocation cannot be switched off."),
                    ConfigKey.integer(
                            GATEWAYS_CHECK_INTERVAL_MS,
                            "5000",
                            100,
                            600_000,
                            "Milliseconds (wall clock) between looks at the gateways' leases (switchboard.gateways); "
                                    + "the connections of a gateway whose lease has expired are ended as if it had "
                                    + "sent their Disconnect (close code 1006). A gateway that never wrote a lease is "
                                    + "never purged. See [recovery.md](recovery.md#when-a-gateway-dies)."),
                    ConfigKey.integer(
                            SESSIONS_TOKEN_TTL_MS,
                            "300000",
                            1_000,
                            86_400_000,
                            "Milliseconds a reconnection token (get_reconnection_token) stays valid after it was "
                                    + "issued; it works once. Expired sessions leave switchboard.sessions within a "
                                    + "minute."),
                    ConfigKey.integer(
                            RECEIPTS_RETENTION_MS,
                            "604800000",
                            60_000,
                            31_536_000_000L,
                            "Milliseconds a message that asked for delivery receipts waits for acks, counted from "
                                    + "its record time, and a user's last ack of a channel is remembered for them; "
                                    + "then both are forgotten (within 10 minutes) and a later ack answers nothing. "
                                    + "Keep it at most the retention of the output topics (7 days by default): a "
                                    + "message gone from its topic can no longer be delivered, so an ack past it "
                                    + "would confirm what was never received. 0 is refused."),
                    ConfigKey.text(
                            COMPRESSION_CODEC,
                            "gzip",
                            "gzip, deflate (raw, no zlib header), zstd or none: how the processor compresses a large "
                                    + "payload, once per event or published message, before it is written to every "
                                    + "channel it goes to. A compression that saves under 10 % is dropped; payloads "
                                    + "that arrive encoded are left alone. none switches compression off."),
                    ConfigKey.integer(
                            COMPRESSION_MIN_BYTES,
                            "1024",
                            0,
                            Integer.MAX_VALUE,
                            "Payloads whose data has at least this many bytes are compressed (0: every payload), "
                                    + "unless their family has its own threshold in processor.compression.families."),
                    ConfigKey.text(
                            COMPRESSION_FAMILIES,
                            "",
                            "Per-family thresholds that replace processor.compression.min-bytes for channels of "
                                    + "that family, as family=bytes[,family=bytes...], e.g. logs=256,metrics=0. An "
                                    + "event addressed only to an audience uses the family user. A malformed entry, "
                                    + "a family named twice or a negative number fails at start."),
                    ConfigKey.text(
                            HTTP_HOST,
                            "0.0.0.0",
                            "Address of the processor's HTTP endpoints (GET /metrics, /health/live, /health/ready). "
                                    + "0.0.0.0 (every interface) lets Prometheus and container probes reach them; "
                                    + "127.0.0.1 keeps them on this machine (`dev`: 127.0.0.1)."),
                    ConfigKey.integer(
                            HTTP_PORT,
                            "8081",
                            HttpEndpoint.DISABLED,
                            65_535,
                            "Port of the processor's HTTP endpoints. 0 lets the OS choose one (logged at start); -1 "
                                    + "serves no endpoints; a port in use fails the start (`dev`: "
                                    + "`--processor-port`).")),
            """
            Raw Kafka client properties for every client of the processor pass through under `kafka.` and raw \
            Kafka Streams properties under `streams.` (e.g. `streams.num.stream.threads`), to every app; they win over \
            the keys above. They must not switch the producers' idempotence off or allow more than 5 requests in \
            flight: the gateways' duplicate check needs every output partition in order.

            The processor runs three Kafka Streams apps: the core app (`<application id>`: actions, sessions, \
            publishes, cursors), the events app (`<application id>-events`: domain events to the output topics) and \
            the read-back app (`<application id>-readback`: the output topics read back to confirm publishes and \
            note messages that asked for receipts); the meters of the last two are tagged with client ids that start \
            with their ids. It serves `GET /metrics` (Prometheus: JVM, \
            Kafka Streams `kafka_stream_*` and its clients, and its own counters \
            `kafka_stream_switchboard_<operation>_total{switchboard_id=…}`), `/health/live` (503 once any app has \
            failed) and `/health/ready` (200 while every app is RUNNING and Kafka answers); `switchboard dev` prints \
            the URL. See [operations.md](operations.md).
            """);

    private ProcessorKeys() {}

    /** Every key with its default, for {@code Settings.load}. */
    public static Map<String, String> defaults() {
        return TABLE.defaults();
    }
}
