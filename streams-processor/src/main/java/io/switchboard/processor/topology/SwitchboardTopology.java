package io.switchboard.processor.topology;

import io.switchboard.processor.actions.AnswerActionsProcessor;
import io.switchboard.processor.actions.ConfirmPublishesProcessor;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.events.AddressEventsProcessor;
import io.switchboard.processor.events.OutputTopicExtractor;
import io.switchboard.processor.events.ValidateEventsProcessor;
import io.switchboard.processor.presence.KeepPresenceProcessor;
import io.switchboard.processor.presence.NoticeTopicExtractor;
import io.switchboard.processor.receipts.AwaitReceiptsProcessor;
import io.switchboard.processor.receipts.KeepReceiptsProcessor;
import io.switchboard.processor.sessions.KeepSessionsProcessor;
import io.switchboard.processor.sessions.ResumeSessionsProcessor;
import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.processor.users.UsersStoreProcessor;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.GatewayLease;
import io.switchboard.schemas.avro.PendingReceipt;
import io.switchboard.schemas.avro.PresenceCount;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's three graphs, one per Kafka Streams app, built from configuration and serdes with no I/O; {@code
 * SwitchboardProcessor} and the tests build them the same way. Node and store names are stable: a rename is a
 * migration. The events app routes domain events, at-least-once by default so that no commit sits in an event's
 * latency: its deliveries carry the {@code switchboard.source} header by which the gateways drop the copies that a
 * crash leaves. The core app answers actions and keeps sessions, presence and receipts exactly-once: actions, one-time
 * tokens and policy decisions must not be applied twice. The read-back app reads the output topics back, under the
 * core app's guarantee, to confirm publishes and note the messages that asked for receipts: those are a few records
 * among every delivery, so it commits when it answers one, and the position of the others only now and then (in the
 * core app, with its 20 ms commits, each delivery read back made a transaction every 20 ms while events flowed).
 *
 * <pre>
 * EVENTS APP (application id &lt;id&gt;-events)
 *
 * events-source ─► validate-events ─► address-events ─► route-by-family     (switchboard.out.&lt;family&gt;: the
 *                        │               │                                   event's channel, user:&lt;id&gt; of its
 *                        │               │                                   audience users and role holders)
 *                        └───────────────┴────────────► events-dlq          (switchboard.events.dlq)
 *
 * acl-source ─► update-acl ─► [acl-store]            global, as in the core app; read by address-events
 * users-source ─► update-users ─► [users-store]      global, as in the core app; read by address-events
 *
 * CORE APP (application id &lt;id&gt;)
 *
 * actions-source ─┬─► answer-actions ──────┬────────► send-replies        (switchboard.replies)
 *                 │   [connections-store]  ├────────► route-publishes     (switchboard.out.&lt;family&gt;, with
 *                 │   [cursors-store]      │                               switchboard.publish.* headers)
 *                 │   punctuators: ACL     ├────────► send-cursors        (switchboard.cursors: acknowledged
 *                 │   changed? re-check;   │                               positions, compacted)
 *                 │   gateway lease        │
 *                 │   expired? end its     │
 *                 │   connections          ├────────► send-presence       (switchboard.presence, key: channel:
 *                 │                        │                               presence changes, allowed queries)
 *                 │                        ├────────► send-users          (switchboard.users: roles seen at
 *                 │                        │                               connect that the directory lacks)
 *                 │                        └────────► send-sessions       (switchboard.sessions: snapshots by
 *                 │                                    ▲                   token hash, compacted)
 *                 └─► resume-sessions ─────────────────┤ used ones; and ► send-replies (Resumed, token_invalid)
 *                     [sessions-store]                 │
 * sessions-source ──► keep-sessions ───────────────────┘ tombstones of expired sessions
 *  (switchboard.sessions) [sessions-store], the same one
 *                     punctuator: every minute, expire
 *
 * presence-source ─► keep-presence ─┬───────────────► route-presence      (switchboard.out.&lt;family&gt;: join and
 *  (switchboard.presence) [presence-store]             leave notices, header switchboard.presence)
 *                    [presence-counts-store]
 *                                    └───────────────► send-presence-answers (switchboard.replies: presence pages)
 *
 * receipt-commands-source ─► keep-receipts ─┬────────► send-receipts       (switchboard.receipts, key: event id, JSON)
 *  (switchboard.receipt-commands)            │
 *              [receipts-pending-store]      └────────► route-receipts      (switchboard.out.user: a socket publisher's
 *              [receipts-events-store]                                       receipts, header switchboard.receipt)
 *              [receipts-acked-store]
 *              punctuator: every 10 minutes, forget what the retention ended
 *
 * acl-source ─► update-acl ─► [acl-store]   global: every instance holds all of switchboard.acl; read by
 *                                           answer-actions (decisions), in the events app by address-events
 *                                           (known families)
 *
 * users-source ─► update-users ─► [users-store]   global: every instance holds all of switchboard.users, the
 *                                                 role directory with its role index; read by answer-actions
 *                                                 (roles seen at connect), in the events app by address-events
 *                                                 (role holders)
 *
 * gateways-source ─► update-gateways ─► [gateways-store]   global: every instance holds every gateway's lease
 *  (switchboard.gateways)                                  from switchboard.gateways; read by answer-actions
 *                                                          (purges the connections of a gateway presumed dead)
 *
 * READ-BACK APP (application id &lt;id&gt;-readback)
 *
 * outputs-source ─┬─► confirm-publishes ─────────────► send-confirmations  (switchboard.replies: published)
 *  (switchboard\.out\..+, from latest)
 *                 └─► await-receipts ────────────────► send-pending-receipts (switchboard.receipt-commands, key:
 *                                                       channel: deliveries that asked for receipts, with offsets)
 * </pre>
 *
 * In the core app, six independent parts: the three global stores with their nodes, and three sub-topologies that
 * share no node, so the actions partitions are never grouped with the presence or receipt topics' partitions. The
 * actions sub-topology also reads {@code
 * switchboard.sessions}: the two topics must have the same number of partitions (TopicCreator checks it). {@code
 * send-users} writes the topic that feeds {@code users-store}: a user's roles seen at connect are in the directory
 * once the global thread has read them back, not at once. Presence has its own sub-topology behind {@code
 * switchboard.presence}: the actions are keyed by user, so the connections of one channel are spread over the actions'
 * tasks; keyed by channel, they meet in one presence task, which needs no co-partitioning with any other topic.
 * Receipts likewise behind {@code switchboard.receipt-commands}: a channel's acks (from the actions' tasks) and its
 * messages that asked for receipts (from the output partitions read back, where they got their offsets) meet there.
 */
public final class SwitchboardTopology {
    static final String EVENTS_SOURCE = "events-source";
    static final String VALIDATE_EVENTS = "validate-events";
    static final String ADDRESS_EVENTS = "address-events";
    static final String ROUTE_BY_FAMILY = "route-by-family";
    static final String EVENTS_DLQ = "events-dlq";
    static final String ACTIONS_SOURCE = "actions-source";
    static final String ANSWER_ACTIONS = "answer-actions";
    static final String SEND_REPLIES = "send-replies";
    static final String ROUTE_PUBLISHES = "route-publishes";
    static final String SEND_CURSORS = "send-cursors";
    static final String RESUME_SESSIONS = "resume-sessions";
    static final String SESSIONS_SOURCE = "sessions-source";
    static final String KEEP_SESSIONS = "keep-sessions";
    static final String SEND_SESSIONS = "send-sessions";
    static final String OUTPUTS_SOURCE = "outputs-source";
    static final String CONFIRM_PUBLISHES = "confirm-publishes";
    static final String SEND_CONFIRMATIONS = "send-confirmations";
    static final String ACL_SOURCE = "acl-source";
    static final String UPDATE_ACL = "update-acl";
    static final String SEND_USERS = "send-users";
    static final String USERS_SOURCE = "users-source";
    static final String UPDATE_USERS = "update-users";
    static final String GATEWAYS_SOURCE = "gateways-source";
    static final String UPDATE_GATEWAYS = "update-gateways";
    static final String SEND_PRESENCE = "send-presence";
    static final String PRESENCE_SOURCE = "presence-source";
    static final String KEEP_PRESENCE = "keep-presence";
    static final String ROUTE_PRESENCE = "route-presence";
    static final String SEND_PRESENCE_ANSWERS = "send-presence-answers";
    static final String SEND_RECEIPT_ACKS = "send-receipt-acks";
    static final String AWAIT_RECEIPTS = "await-receipts";
    static final String SEND_PENDING_RECEIPTS = "send-pending-receipts";
    static final String RECEIPT_COMMANDS_SOURCE = "receipt-commands-source";
    static final String KEEP_RECEIPTS = "keep-receipts";
    static final String SEND_RECEIPTS = "send-receipts";
    static final String ROUTE_RECEIPTS = "route-receipts";
    /** Global store of the ACL rules (key: family pattern, value: {@code AclRule}). */
    static final String ACL_STORE = "acl-store";
    /**
     * Global store of the role directory, persistent: each user's {@code UserEntry} and the role index (role, user),
     * so that the holders of a role are a range scan (see {@code io.switchboard.processor.users}).
     */
    static final String USERS_STORE = "users-store";
    /**
     * Global store of the gateways' liveness leases (key: gateway id, value: {@code GatewayLease}), in memory: one
     * small record per gateway, read back from {@code switchboard.gateways} at start.
     */
    static final String GATEWAYS_STORE = "gateways-store";
    /** Changelogged store of the live connections (key: connection id, value: {@code ConnectionState}). */
    static final String CONNECTIONS_STORE = "connections-store";
    /**
     * Changelogged store of the users' delivery cursors (key: user id, NUL, channel; value: {@code Cursor}), beside
     * {@link #CONNECTIONS_STORE}: actions are keyed by user id, so a user's acks and connects meet in one task.
     */
    static final String CURSORS_STORE = "cursors-store";
    /**
     * Changelogged store of the reconnection sessions (key: token hash, value: {@code SessionSnapshot}), filled from
     * {@code switchboard.sessions}; a token's {@code Resume} is keyed by the same hash, so it meets its session here.
     */
    static final String SESSIONS_STORE = "sessions-store";
    /**
     * Changelogged store of presence, one entry per connection holding a presence-enabled channel (key: channel, NUL,
     * user id, NUL, connection id; value: since when, epoch ms), beside {@link #PRESENCE_COUNTS_STORE}. Keyed by
     * channel through {@code switchboard.presence}, not by the actions' key: a channel's connections meet here.
     */
    static final String PRESENCE_STORE = "presence-store";
    /** Changelogged store of each presence-enabled channel's users and anonymous connections (key: channel). */
    static final String PRESENCE_COUNTS_STORE = "presence-counts-store";
    /**
     * Changelogged store of the messages that wait for receipts (key: channel, NUL, offset in 19 digits; value: {@code
     * PendingReceipt}): an ack's range scan finds those it covers. Keyed by channel through {@code
     * switchboard.receipt-commands}, where the messages (read back from the output topics) and the acks meet.
     */
    static final String RECEIPTS_PENDING_STORE = "receipts-pending-store";
    /**
     * Changelogged store of every message that asked for receipts within the retention (key: channel, NUL, event id;
     * value: {@code PendingReceipt}): a copy routed again is not awaited twice.
     */
    static final String RECEIPTS_EVENTS_STORE = "receipts-events-store";
    /**
     * Changelogged store of each user's last ack per channel within the retention (key: channel, NUL, user id; value:
     * {@code Cursor}): where the user's next ack starts answering, and which message read back late is answered.
     */
    static final String RECEIPTS_ACKED_STORE = "receipts-acked-store";
    /** Wall-clock time between looks for what the receipts' retention ended. */
    static final Duration RECEIPTS_EXPIRY_INTERVAL = Duration.ofMinutes(10);
    /** Wall-clock time between looks for expired sessions in {@link #SESSIONS_STORE}. */
    static final Duration SESSIONS_EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private final Topics topics;
    private final Set<String> configuredFamilies;
    private final Set<String> presenceFamilies;
    private final Duration aclRecheckInterval;
    private final Duration gatewaysCheckInterval;
    private final Clock clock;
    private final Supplier<String> eventIds;
    private final TokenIssuer tokens;
    private final CompressionSettings compression;
    private final Duration receiptsRetention;

    /**
     * @param configuredFamilies the families of {@code processor.families}, without {@code user}
     * @param presenceFamilies the families of {@code processor.presence.families}
     * @param aclRecheckInterval wall-clock time between looks for a changed ACL
     * @param gatewaysCheckInterval wall-clock time between looks for gateways whose lease expired
     * @param clock the time of dead letters
     * @param eventIds a fresh unique id for each message published by a client
     * @param tokens issues reconnection tokens, with their TTL
     * @param compression how event and published payloads are compressed, once each
     * @param receiptsRetention how long a message waits for acks that answer it with receipts
     */
    SwitchboardTopology(
            Topics topics,
            Set<String> configuredFamilies,
            Set<String> presenceFamilies,
            Duration aclRecheckInterval,
            Duration gatewaysCheckInterval,
            Clock clock,
            Supplier<String> eventIds,
            TokenIssuer tokens,
            CompressionSettings compression,
            Duration receiptsRetention) {
        this.topics = topics;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.presenceFamilies = Set.copyOf(presenceFamilies);
        this.aclRecheckInterval = aclRecheckInterval;
        this.gatewaysCheckInterval = gatewaysCheckInterval;
        this.clock = clock;
        this.eventIds = eventIds;
        this.tokens = tokens;
        this.compression = compression;
        this.receiptsRetention = receiptsRetention;
    }

    /** The graphs of the processor's three Kafka Streams apps. */
    public record Topologies(Topology core, Topology events, Topology readBack) {}

    /**
     * The topologies of {@code config}, on the system clock, with random UUIDs for published messages and
     * reconnection tokens from a {@code SecureRandom}.
     */
    public static Topologies build(ProcessorConfig config) {
        return new SwitchboardTopology(
                        config.topics(),
                        Set.copyOf(config.families()),
                        Set.copyOf(config.presenceFamilies()),
                        Duration.ofMillis(config.aclRecheckIntervalMs()),
                        Duration.ofMillis(config.gatewaysCheckIntervalMs()),
                        Clock.systemUTC(),
                        () -> UUID.randomUUID().toString(),
                        TokenIssuer.secure(Duration.ofMillis(config.tokenTtlMs())),
                        config.compression(),
                        Duration.ofMillis(config.receiptsRetentionMs()))
                .build();
    }

    Topologies build() {
        return new Topologies(core(), events(), readBack());
    }

    /** The events app: domain events validated, addressed and routed to the output topics. */
    Topology events() {
        Topology topology = new Topology();
        keepAclStore(topology);
        keepUsersStore(topology);
        readEvents(topology);
        validateEvents(topology);
        addressEvents(topology);
        routeByFamily(topology);
        deadLetterEvents(topology);
        return topology;
    }

    /** The core app: client actions, reconnection sessions, presence and receipts. */
    Topology core() {
        Topology topology = new Topology();
        keepAclStore(topology);
        keepUsersStore(topology);
        keepGatewaysStore(topology);
        answerActions(topology);
        keepSessions(topology);
        resumeSessions(topology);
        sendActionAnswers(topology);
        keepPresence(topology);
        keepReceipts(topology);
        return topology;
    }

    /** The read-back app: the output topics read back, for the confirmations of publishes and pending receipts. */
    Topology readBack() {
        Topology topology = new Topology();
        confirmPublishes(topology);
        awaitReceipts(topology);
        return topology;
    }

    private void keepAclStore(Topology topology) {
        StoreBuilder<KeyValueStore<String, AclRule>> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(ACL_STORE), Serdes.String(), SwitchboardSerdes.aclRule())
                .withLoggingDisabled(); // a global store is restored from its topic, it has no changelog
        topology.addGlobalStore(
                store,
                ACL_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                topics.acl(),
                UPDATE_ACL,
                () -> new AclStoreProcessor(ACL_STORE));
    }

    private void keepUsersStore(Topology topology) {
        topology.addGlobalStore(
                UsersStoreProcessor.store(USERS_STORE),
                USERS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                topics.users(),
                UPDATE_USERS,
                () -> new UsersStoreProcessor(USERS_STORE));
    }

    private void keepGatewaysStore(Topology topology) {
        StoreBuilder<KeyValueStore<String, GatewayLease>> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(GATEWAYS_STORE), Serdes.String(), SwitchboardSerdes.gatewayLease())
                .withLoggingDisabled(); // a global store is restored from its topic, it has no changelog
        topology.addGlobalStore(
                store,
                GATEWAYS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                topics.gateways(),
                UPDATE_GATEWAYS,
                () -> new GatewayLeaseStoreProcessor(GATEWAYS_STORE));
    }

    private void readEvents(Topology topology) {
        topology.addSource(EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    }

    private void validateEvents(Topology topology) {
        topology.addProcessor(
                VALIDATE_EVENTS,
                () -> new ValidateEventsProcessor(VALIDATE_EVENTS, ADDRESS_EVENTS, EVENTS_DLQ, clock),
                EVENTS_SOURCE);
    }

    private void addressEvents(Topology topology) {
        AddressEventsProcessor.Wiring wiring =
                new AddressEventsProcessor.Wiring(ACL_STORE, USERS_STORE, ADDRESS_EVENTS, ROUTE_BY_FAMILY, EVENTS_DLQ);
        topology.addProcessor(
                ADDRESS_EVENTS,
                () -> new AddressEventsProcessor(wiring, configuredFamilies, clock, compression),
                VALIDATE_EVENTS);
    }

    private void routeByFamily(Topology topology) {
        topology.addSink(
                ROUTE_BY_FAMILY,
                new OutputTopicExtractor(topics),
                new StringSerializer(),
                SwitchboardSerdes.delivery().serializer(),
                ADDRESS_EVENTS);
    }

    private void deadLetterEvents(Topology topology) {
        topology.addSink(
                EVENTS_DLQ,
                topics.eventsDlq(),
                new StringSerializer(),
                new ByteArraySerializer(),
                VALIDATE_EVENTS,
                ADDRESS_EVENTS);
    }

    private void answerActions(Topology topology) {
        topology.addSource(
                ACTIONS_SOURCE,
                new StringDeserializer(),
                SwitchboardSerdes.clientAction().deserializer(),
                topics.actions());
        AnswerActionsProcessor.Wiring wiring = new AnswerActionsProcessor.Wiring(
                ACL_STORE,
                CONNECTIONS_STORE,
                CURSORS_STORE,
                USERS_STORE,
                GATEWAYS_STORE,
                SEND_REPLIES,
                ROUTE_PUBLISHES,
                SEND_CURSORS,
                SEND_SESSIONS,
                SEND_USERS,
                SEND_PRESENCE,
                SEND_RECEIPT_ACKS);
        topology.addProcessor(
                ANSWER_ACTIONS,
                () -> new AnswerActionsProcessor(
                        wiring,
                        configuredFamilies,
                        presenceFamilies,
                        aclRecheckInterval,
                        gatewaysCheckInterval,
                        eventIds,
                        tokens,
                        compression),
                ACTIONS_SOURCE);
        topology.addStateStore(connectionsStore(), ANSWER_ACTIONS);
        topology.addStateStore(cursorsStore(), ANSWER_ACTIONS);
    }

    private void keepSessions(Topology topology) {
        topology.addSource(
                SESSIONS_SOURCE,
                new StringDeserializer(),
                SwitchboardSerdes.sessionSnapshot().deserializer(),
                topics.sessions());
        topology.addProcessor(
                KEEP_SESSIONS,
                () -> new KeepSessionsProcessor(SESSIONS_STORE, SEND_SESSIONS, SESSIONS_EXPIRY_INTERVAL),
                SESSIONS_SOURCE);
    }

    // Beside answer-actions on the actions source. Sharing sessions-store with keep-sessions puts both sources in one
    // sub-topology, so task N reads partition N of each: a Resume keyed by token hash meets its session there.
    private void resumeSessions(Topology topology) {
        ResumeSessionsProcessor.Wiring wiring =
                new ResumeSessionsProcessor.Wiring(SESSIONS_STORE, SEND_REPLIES, SEND_SESSIONS);
        topology.addProcessor(RESUME_SESSIONS, () -> new ResumeSessionsProcessor(wiring), ACTIONS_SOURCE);
        topology.addStateStore(sessionsStore(), KEEP_SESSIONS, RESUME_SESSIONS);
    }

    private void sendActionAnswers(Topology topology) {
        topology.addSink(
                SEND_REPLIES,
                topics.replies(),
                new StringSerializer(),
                SwitchboardSerdes.reply().serializer(),
                ANSWER_ACTIONS,
                RESUME_SESSIONS);
        topology.addSink(
                ROUTE_PUBLISHES,
                new OutputTopicExtractor(topics),
                new StringSerializer(),
                SwitchboardSerdes.delivery().serializer(),
                ANSWER_ACTIONS);
        topology.addSink(
                SEND_CURSORS,
                topics.cursors(),
                new StringSerializer(),
                SwitchboardSerdes.cursor().serializer(),
                ANSWER_ACTIONS);
        topology.addSink(
                SEND_USERS,
                topics.users(),
                new StringSerializer(),
                SwitchboardSerdes.userEntry().serializer(),
                ANSWER_ACTIONS);
        topology.addSink(
                SEND_SESSIONS,
                topics.sessions(),
                new StringSerializer(),
                SwitchboardSerdes.sessionSnapshot().serializer(),
                ANSWER_ACTIONS,
                RESUME_SESSIONS,
                KEEP_SESSIONS);
    }

    // Its own sub-topology, fed by answer-actions through switchboard.presence keyed by channel: the actions are keyed
    // by user, so two users' connections to one channel are in different tasks there and would never meet.
    private void keepPresence(Topology topology) {
        topology.addSink(
                SEND_PRESENCE,
                topics.presence(),
                new StringSerializer(),
                SwitchboardSerdes.presenceCommand().serializer(),
                ANSWER_ACTIONS);
        topology.addSource(
                PRESENCE_SOURCE,
                new StringDeserializer(),
                SwitchboardSerdes.presenceCommand().deserializer(),
                topics.presence());
        KeepPresenceProcessor.Wiring wiring = new KeepPresenceProcessor.Wiring(
                PRESENCE_STORE, PRESENCE_COUNTS_STORE, ROUTE_PRESENCE, SEND_PRESENCE_ANSWERS);
        topology.addProcessor(KEEP_PRESENCE, () -> new KeepPresenceProcessor(wiring), PRESENCE_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PRESENCE_STORE), Serdes.String(), Serdes.Long()),
                KEEP_PRESENCE);
        topology.addStateStore(presenceCountsStore(), KEEP_PRESENCE);
        topology.addSink(
                ROUTE_PRESENCE,
                new NoticeTopicExtractor(topics),
                new StringSerializer(),
                SwitchboardSerdes.presenceNotice().serializer(),
                KEEP_PRESENCE);
        topology.addSink(
                SEND_PRESENCE_ANSWERS,
                topics.replies(),
                new StringSerializer(),
                SwitchboardSerdes.reply().serializer(),
                KEEP_PRESENCE);
    }

    // Beside confirm-publishes on the output topics read back: a delivery that asked for receipts has its offset there.
    // Its own sink to switchboard.receipt-commands, where keep-receipts in the core app meets it with the acks.
    private void awaitReceipts(Topology topology) {
        topology.addProcessor(AWAIT_RECEIPTS, AwaitReceiptsProcessor::new, OUTPUTS_SOURCE);
        topology.addSink(
                SEND_PENDING_RECEIPTS,
                topics.receiptCommands(),
                new StringSerializer(),
                SwitchboardSerdes.receiptCommand().serializer(),
                AWAIT_RECEIPTS);
    }

    // Its own sub-topology, like presence: the acks (keyed by user) and the messages (read back per output partition)
    // meet by channel through switchboard.receipt-commands.
    private void keepReceipts(Topology topology) {
        topology.addSink(
                SEND_RECEIPT_ACKS,
                topics.receiptCommands(),
                new StringSerializer(),
                SwitchboardSerdes.receiptCommand().serializer(),
                ANSWER_ACTIONS);
        topology.addSource(
                RECEIPT_COMMANDS_SOURCE,
                new StringDeserializer(),
                SwitchboardSerdes.receiptCommand().deserializer(),
                topics.receiptCommands());
        KeepReceiptsProcessor.Wiring wiring = new KeepReceiptsProcessor.Wiring(
                RECEIPTS_PENDING_STORE, RECEIPTS_EVENTS_STORE, RECEIPTS_ACKED_STORE, SEND_RECEIPTS, ROUTE_RECEIPTS);
        topology.addProcessor(
                KEEP_RECEIPTS,
                () -> new KeepReceiptsProcessor(wiring, receiptsRetention, RECEIPTS_EXPIRY_INTERVAL),
                RECEIPT_COMMANDS_SOURCE);
        topology.addStateStore(pendingReceiptsStore(RECEIPTS_PENDING_STORE), KEEP_RECEIPTS);
        topology.addStateStore(pendingReceiptsStore(RECEIPTS_EVENTS_STORE), KEEP_RECEIPTS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(RECEIPTS_ACKED_STORE),
                        Serdes.String(),
                        SwitchboardSerdes.cursor()),
                KEEP_RECEIPTS);
        topology.addSink(
                SEND_RECEIPTS, topics.receipts(), new StringSerializer(), new ByteArraySerializer(), KEEP_RECEIPTS);
        topology.addSink(
                ROUTE_RECEIPTS,
                topics.output(ChannelName.PERSONAL_FAMILY),
                new StringSerializer(),
                SwitchboardSerdes.receipt().serializer(),
                KEEP_RECEIPTS);
    }

    private static StoreBuilder<KeyValueStore<String, PendingReceipt>> pendingReceiptsStore(String name) {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), SwitchboardSerdes.pendingReceipt());
    }

    private static StoreBuilder<KeyValueStore<String, PresenceCount>> presenceCountsStore() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PRESENCE_COUNTS_STORE),
                Serdes.String(),
                SwitchboardSerdes.presenceCount());
    }

    private static StoreBuilder<KeyValueStore<String, ConnectionState>> connectionsStore() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CONNECTIONS_STORE),
                Serdes.String(),
                SwitchboardSerdes.connectionState()); // changelogged (the default), so a restart keeps the grants
    }

    // Changelogged as well rather than restored from switchboard.cursors: that topic is keyed for its readers, not
    // partitioned like the actions, so it cannot stand in as this store's changelog.
    private static StoreBuilder<KeyValueStore<String, Cursor>> cursorsStore() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CURSORS_STORE), Serdes.String(), SwitchboardSerdes.cursor());
    }

    // Changelogged rather than restored from switchboard.sessions: a use is in the store before it is on that topic.
    private static StoreBuilder<KeyValueStore<String, SessionSnapshot>> sessionsStore() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SESSIONS_STORE), Serdes.String(), SwitchboardSerdes.sessionSnapshot());
    }

    // Reads every output topic back from its end: only records with the publish headers are answered. A family's
    // topic created later is picked up at the main consumer's next metadata refresh (see StreamsProperties).
    private void confirmPublishes(Topology topology) {
        Pattern outputs = Pattern.compile(Pattern.quote(topics.outputPrefix()) + ".+");
        topology.addSource(
                AutoOffsetReset.latest(),
                OUTPUTS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                outputs);
        topology.addProcessor(CONFIRM_PUBLISHES, ConfirmPublishesProcessor::new, OUTPUTS_SOURCE);
        topology.addSink(
                SEND_CONFIRMATIONS,
                topics.replies(),
                new StringSerializer(),
                SwitchboardSerdes.reply().serializer(),
                CONFIRM_PUBLISHES);
    }
}
