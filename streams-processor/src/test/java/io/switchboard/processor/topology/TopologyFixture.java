package io.switchboard.processor.topology;

import io.switchboard.processor.acl.DefaultPolicy;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.GatewayLease;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.UserEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Both topologies, each in a {@link TopologyTestDriver} configured as the processor runs its app: {@link #driver} the
 * core app's, {@link #eventsDriver} the events app's. A fixed clock, event ids {@code evt-1}, {@code evt-2}, ...,
 * reconnection tokens from {@link #tokenBytes} (32 times 1, then 32 times 2, ...) valid for {@link #TOKEN_TTL}, and
 * DESIGN.md's default policy already in the ACL topic. The global stores' topics (ACL, users) feed both drivers, as
 * both apps read them.
 */
final class TopologyFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);
    static final Duration GATEWAYS_CHECK_INTERVAL = Duration.ofSeconds(5);
    static final Instant ACTION_TIME = Instant.parse("2026-11-20T09:30:00.250Z");
    static final String GATEWAY = "gw-1";
    static final Duration TOKEN_TTL = Duration.ofMinutes(5);
    /** The families issue 15 names for presence (the key's default is empty until gateways deliver notices). */
    static final String PRESENCE_FAMILIES = "forum_threads,chat_rooms,book_requests";

    // The driver does not model transactions: under exactly_once_v2 (4.3.1) it loses the dead letters a
    // deserialization handler sends before processing starts. ProcessorIT covers exactly_once_v2 on a broker.
    final ProcessorConfig config = ProcessorConfig.forTests(
            "localhost:1",
            Map.of(
                    "processor.processing-guarantee",
                    StreamsConfig.AT_LEAST_ONCE,
                    "processor.presence.families",
                    PRESENCE_FAMILIES));
    final Topics topics = config.topics();
    /** The core app: actions, sessions, presence, receipts. */
    final TopologyTestDriver driver;
    /** The events app: domain events routed to the output topics. */
    final TopologyTestDriver eventsDriver;
    /** The read-back app: the output topics read back, for confirmations of publishes and pending receipts. */
    final TopologyTestDriver readBackDriver;

    final TestInputTopic<String, byte[]> events;
    final TestInputTopic<String, byte[]> rawActions;
    final TestInputTopic<String, ClientAction> actions;
    final BothInputs<String, AclRule> acl;
    final BothInputs<String, byte[]> rawAcl;
    /** The gateways' leases, raw: a lease is written with {@link #lease}, a tombstone as null. */
    final TestInputTopic<String, byte[]> gateways;

    /** The dead letters of the events app (invalid or unroutable events). */
    final TestOutputTopic<String, byte[]> deadLetters;
    /** The dead letters of the core app (unreadable actions), on the same topic. */
    final TestOutputTopic<String, byte[]> actionDeadLetters;

    final TestOutputTopic<String, Reply> replies;
    /** The read-back app's replies: {@code published}. */
    final TestOutputTopic<String, Reply> confirmations;
    /** What the read-back app notes for keep-receipts, relayed to the core app by {@link #rawOutput}. */
    private final TestOutputTopic<String, byte[]> pendingReceipts;

    private final TestInputTopic<String, byte[]> receiptCommands;
    final TestOutputTopic<String, Cursor> cursors;
    final TestOutputTopic<String, SessionSnapshot> sessions;
    /** The role directory's topic, raw: Avro single-object or JSON entries, as any writer may produce them. */
    final BothInputs<String, byte[]> users;
    /** What the processor writes to the role directory's topic (roles seen at connect). */
    final TestOutputTopic<String, UserEntry> usersOut;

    TopologyFixture() {
        AtomicInteger eventIds = new AtomicInteger();
        AtomicInteger tokens = new AtomicInteger();
        SwitchboardTopology topology = new SwitchboardTopology(
                topics,
                Set.copyOf(config.families()),
                Set.copyOf(config.presenceFamilies()),
                RECHECK_INTERVAL,
                GATEWAYS_CHECK_INTERVAL,
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> "evt-" + eventIds.incrementAndGet(),
                new TokenIssuer(() -> tokenBytes(tokens.incrementAndGet()), TOKEN_TTL),
                config.compression(),
                Duration.ofMillis(config.receiptsRetentionMs()));
        driver = new TopologyTestDriver(topology.core(), StreamsProperties.streams(config), NOW);
        eventsDriver = new TopologyTestDriver(topology.events(), StreamsProperties.events(config), NOW);
        readBackDriver = new TopologyTestDriver(topology.readBack(), StreamsProperties.readBack(config), NOW);
        confirmations = readBackDriver.createOutputTopic(
                topics.replies(),
                new StringDeserializer(),
                SwitchboardSerdes.reply().deserializer());
        pendingReceipts = readBackDriver.createOutputTopic(
                topics.receiptCommands(), new StringDeserializer(), new ByteArrayDeserializer());
        receiptCommands =
                driver.createInputTopic(topics.receiptCommands(), new StringSerializer(), new ByteArraySerializer());
        events = eventsDriver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
        rawActions = driver.createInputTopic(topics.actions(), new StringSerializer(), new ByteArraySerializer());
        actions = driver.createInputTopic(
                topics.actions(),
                new StringSerializer(),
                SwitchboardSerdes.clientAction().serializer());
        acl = new BothInputs<>(
                topics.acl(),
                new StringSerializer(),
                SwitchboardSerdes.aclRule().serializer());
        rawAcl = new BothInputs<>(topics.acl(), new StringSerializer(), new ByteArraySerializer());
        DefaultPolicy.rules(NOW).forEach(acl::pipeInput);
        gateways = driver.createInputTopic(topics.gateways(), new StringSerializer(), new ByteArraySerializer());
        deadLetters = eventsDriver.createOutputTopic(
                topics.eventsDlq(), new StringDeserializer(), new ByteArrayDeserializer());
        actionDeadLetters =
                driver.createOutputTopic(topics.eventsDlq(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(
                topics.replies(),
                new StringDeserializer(),
                SwitchboardSerdes.reply().deserializer());
        cursors = driver.createOutputTopic(
                topics.cursors(),
                new StringDeserializer(),
                SwitchboardSerdes.cursor().deserializer());
        sessions = driver.createOutputTopic(
                topics.sessions(),
                new StringDeserializer(),
                SwitchboardSerdes.sessionSnapshot().deserializer());
        users = new BothInputs<>(topics.users(), new StringSerializer(), new ByteArraySerializer());
        usersOut = driver.createOutputTopic(
                topics.users(),
                new StringDeserializer(),
                SwitchboardSerdes.userEntry().deserializer());
    }

    /** Writes a directory entry for {@code user} with {@code roles}, in Avro, as an operator would. */
    void setRoles(String user, String... roles) {
        users.pipeInput(user, UserEntryCodec.encode(new UserEntry(List.of(roles), NOW, "test")));
    }

    /** Writes a lease of {@code gatewayId} renewed at {@link #NOW} that expires at {@code expiresAt}. */
    void lease(String gatewayId, Instant expiresAt) {
        lease(gatewayId, NOW, expiresAt);
    }

    void lease(String gatewayId, Instant renewedAt, Instant expiresAt) {
        gateways.pipeInput(gatewayId, SwitchboardSerdes.gatewayLease().encode(new GatewayLease(renewedAt, expiresAt)));
    }

    KeyValueStore<String, GatewayLease> gatewaysStore() {
        return driver.getKeyValueStore(SwitchboardTopology.GATEWAYS_STORE);
    }

    /** The random bytes of the fixture's {@code n}-th reconnection token: {@code n}, 32 times. */
    static byte[] tokenBytes(int n) {
        byte[] bytes = new byte[TokenIssuer.TOKEN_BYTES];
        Arrays.fill(bytes, (byte) n);
        return bytes;
    }

    /** The deliveries of routed events to a family's output topic (the events app). */
    TestOutputTopic<String, Delivery> output(String family) {
        return eventsDriver.createOutputTopic(
                topics.output(family),
                new StringDeserializer(),
                SwitchboardSerdes.delivery().deserializer());
    }

    /** The deliveries of messages published by clients to a family's output topic (the core app). */
    TestOutputTopic<String, Delivery> published(String family) {
        return driver.createOutputTopic(
                topics.output(family),
                new StringDeserializer(),
                SwitchboardSerdes.delivery().deserializer());
    }

    /**
     * The output topic of a family as the read-back app reads it, raw: what the apps wrote there, piped in as Kafka would
     * hand it over; the receipt commands the read-back app writes are relayed to the core app, as on a broker.
     */
    ReadBack rawOutput(String family) {
        return new ReadBack(readBackDriver.createInputTopic(
                topics.output(family), new StringSerializer(), new ByteArraySerializer()));
    }

    /** Records written to an output topic, read back by the read-back app. */
    final class ReadBack {
        private final TestInputTopic<String, byte[]> input;

        private ReadBack(TestInputTopic<String, byte[]> input) {
            this.input = input;
        }

        void pipeInput(String key, byte[] value) {
            pipeInput(new TestRecord<>(key, value));
        }

        void pipeInput(TestRecord<String, byte[]> record) {
            input.pipeInput(record);
            pendingReceipts.readRecordsToList().forEach(receiptCommands::pipeInput);
        }
    }

    /** Sends a client action keyed as gateways key it: by user id, or connection id when anonymous. */
    void send(ClientAction action) {
        actions.pipeInput(action.getUserId() == null ? action.getConnectionId() : action.getUserId(), action);
    }

    /** An action of connection {@code connectionId} on gateway {@link #GATEWAY} at {@link #ACTION_TIME}. */
    static ClientAction action(String connectionId, String userId, List<String> roles, String requestId, Object body) {
        return ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId(GATEWAY)
                .setUserId(userId)
                .setRoles(roles)
                .setTime(ACTION_TIME)
                .setRequestId(requestId)
                .setAction(body)
                .build();
    }

    KeyValueStore<String, ConnectionState> connections() {
        return driver.getKeyValueStore(SwitchboardTopology.CONNECTIONS_STORE);
    }

    KeyValueStore<String, Cursor> cursorsStore() {
        return driver.getKeyValueStore(SwitchboardTopology.CURSORS_STORE);
    }

    KeyValueStore<String, SessionSnapshot> sessionsStore() {
        return driver.getKeyValueStore(SwitchboardTopology.SESSIONS_STORE);
    }

    KeyValueStore<String, byte[]> usersStore() {
        return driver.getKeyValueStore(SwitchboardTopology.USERS_STORE);
    }

    KeyValueStore<String, AclRule> aclStore() {
        return driver.getKeyValueStore(SwitchboardTopology.ACL_STORE);
    }

    void sendEvent(String key, String json) {
        events.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a Switchboard counter ({@code <operation>-total} of {@code entity}), summed over the apps. */
    double counter(String entity, String operation) {
        return counter(driver, entity, operation)
                + counter(eventsDriver, entity, operation)
                + counter(readBackDriver, entity, operation);
    }

    /** The value of a Switchboard counter in one app: {@link #driver}, {@link #eventsDriver} or {@link #readBackDriver}. */
    static double counter(TopologyTestDriver app, String entity, String operation) {
        return app.metrics().entrySet().stream()
                .filter(e -> matches(e.getKey(), entity, operation + "-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static boolean matches(MetricName name, String entity, String metric) {
        return name.name().equals(metric) && entity.equals(name.tags().get("switchboard-id"));
    }

    /** A topic both apps read into a global store: each record goes to both drivers. */
    final class BothInputs<K, V> {
        private final TestInputTopic<K, V> core;
        private final TestInputTopic<K, V> events;

        BothInputs(String topic, Serializer<K> keys, Serializer<V> values) {
            this.core = driver.createInputTopic(topic, keys, values);
            this.events = eventsDriver.createInputTopic(topic, keys, values);
        }

        void pipeInput(K key, V value) {
            core.pipeInput(key, value);
            events.pipeInput(key, value);
        }

        void pipeInput(TestRecord<K, V> record) {
            core.pipeInput(record);
            events.pipeInput(record);
        }
    }

    @Override
    public void close() {
        eventsDriver.close();
        readBackDriver.close();
        driver.close();
        try {
            Files.deleteIfExists(config.stateDir()); // the driver empties it; forTests created it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
