package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery from {@code since} end to end: the real gateway on the real broker, the processor's grants written by the
 * test ({@link ProcessorStandIn}), the channel's records written in transactions as the processor writes them, with
 * a neighbour channel's records in the same partition. Messages carry sequence numbers, so a gap, a duplicate or a
 * reordering shows.
 */
@Timeout(180)
class RecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryIT.class);
    private static final String CHANNEL = "forum_threads:42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private ProcessorStandIn processor;
    private SwitchboardGateway gateway;
    private String epoch;

    @BeforeEach
    void start() throws Exception {
        topics = new Topics("rec" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "forum_threads", "user"));
        gateway = track(SwitchboardGateway.start(
                GatewayConfig.forTests(KAFKA.bootstrapServers(), Map.of(GatewayConfig.TOPIC_PREFIX, topics.prefix()))));
        epoch = processor.epoch("forum_threads", ProcessorStandIn.partitionOf(CHANNEL));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void recoversExactlyTheMessagesAfterSinceInOrderThenLiveWhileMessagesKeepArriving() throws Exception {
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 0));
        List<Long> offsets = writer.write(0, 300, 7);
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        CompletableFuture<List<Long>> more = writer.writeInBackground(300, 3000, 5);

        alice.send(subscribe(offsets.get(99), epoch));
        Subscribe subscribe = (Subscribe) processor
                .awaitAction(of(alice.connectionId, Subscribe.class))
                .value()
                .getAction();
        assertThat(subscribe.getSince()).isEqualTo(new Position(offsets.get(99), epoch));
        processor.reply(gateway.gatewayId(), alice.connectionId, "s", new Granted(CHANNEL, subscribe.getSince()));

        JsonNode subscribed = alice.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.path("recovered").asBoolean(false)).isTrue();
        assertThat(subscribed.path("position").path("epoch").asText()).isEqualTo(epoch);
        assertConsecutive(alice, 100, 3000);
        more.get(60, TimeUnit.SECONDS);
        writer.write(3000, 3001, 1);
        assertConsecutive(alice, 3000, 3001);
        assertNothingMoreThan(alice);
    }

    @Test
    void recoversTenThousandMissedMessagesThroughANormalSizeOutboundQueue() throws Exception {
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 100));
        long since = writer.write(0, 1, 1).get(0);
        writer.write(1, 10_001, 500);

        // the first recovery of the gateway acquires the family and warms the recovery consumer up; the second not
        List<WsTestClient> clients = new ArrayList<>();
        for (String client : List.of("cold", "warm")) {
            WsTestClient alice = track(WsTestClient.welcomed(gateway));
            clients.add(alice);
            long start = System.nanoTime();
            alice.send(subscribe(since, epoch));
            processor.reply(
                    gateway.gatewayId(), alice.connectionId, "s", new Granted(CHANNEL, new Position(since, epoch)));
            long granted = System.nanoTime();
            assertThat(alice.next().path("recovered").asBoolean(false)).isTrue();
            assertThat(alice.next().path("data").path("seq").asInt()).isEqualTo(1);
            long first = System.nanoTime();
            assertConsecutive(alice, 2, 10_001);
            long drained = System.nanoTime();
            LOG.info(
                    "recovery-latency ({}): subscribe to first recovered message {} ms ({} ms after the grant was "
                            + "written), 10000 missed messages drained in {} ms",
                    client,
                    TimeUnit.NANOSECONDS.toMillis(first - start),
                    TimeUnit.NANOSECONDS.toMillis(first - granted),
                    TimeUnit.NANOSECONDS.toMillis(drained - start));
        }
        writer.write(10_001, 10_002, 1);
        for (WsTestClient client : clients) {
            assertConsecutive(client, 10_001, 10_002);
            assertNothingMoreThan(client);
        }
    }

    @Test
    void saysNotRecoveredForAnotherEpochAndDeliversLiveOnly() throws Exception {
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 0));
        List<Long> offsets = writer.write(0, 10, 3);
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        JsonNode subscribed = subscribeGranted(alice, new Position(offsets.get(2), "another-topic-id:0"));

        assertThat(subscribed.path("recovered").isBoolean()).isTrue();
        assertThat(subscribed.path("recovered").asBoolean()).isFalse();
        assertThat(subscribed.path("position").path("offset").asLong()).isGreaterThan(offsets.get(9));
        writer.write(10, 11, 1);
        assertConsecutive(alice, 10, 11);
    }

    @Test
    void saysNotRecoveredWhenTheMessageAfterSinceIsNoLongerRetained() throws Exception {
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 0));
        List<Long> offsets = writer.write(0, 20, 4);
        processor.deleteRecordsBefore(CHANNEL, offsets.get(10));
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        WsTestClient bob = track(WsTestClient.welcomed(gateway));

        JsonNode refused = subscribeGranted(alice, new Position(offsets.get(9) - 2, epoch));
        JsonNode honoured = subscribeGranted(bob, new Position(offsets.get(10) - 1, epoch));

        assertThat(refused.path("recovered").isBoolean()).isTrue();
        assertThat(refused.path("recovered").asBoolean()).isFalse();
        assertThat(honoured.path("recovered").asBoolean(false))
                .as("the first retained record is the one after since")
                .isTrue();
        assertConsecutive(bob, 10, 20);
        writer.write(20, 21, 1);
        assertConsecutive(alice, 20, 21);
        assertConsecutive(bob, 20, 21);
    }

    @Test
    void recoversTheReceiptsOfAPublisherThatWasAwayAsReceiptFramesInOrderWithItsMessages() throws Exception {
        String inbox = "user:alice";
        processor.deliver(inbox, "dm", "{\"seq\":0}");
        processor.receipt(inbox, "evt-1", "bob"); // written while alice had no connection
        processor.deliver(inbox, "dm", "{\"seq\":1}");
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        processor.reply(gateway.gatewayId(), alice.connectionId, "s", new Granted(inbox, new Position(-1L, "")));

        assertThat(alice.next().path("recovered").asBoolean(false)).isTrue();
        assertThat(alice.next().path("data").path("seq").asInt()).isEqualTo(0);
        assertThat(alice.next().toString())
                .isEqualTo(
                        "{\"type\":\"receipt\",\"event_id\":\"evt-1\",\"user_id\":\"bob\",\"acked_at\":1763800000789}");
        assertThat(alice.next().path("data").path("seq").asInt()).isEqualTo(1);
    }

    @Test
    void readsAnInboxWithAnEmptyEpochFromTheFirstRetainedMessage() throws Exception {
        String inbox = "user:alice";
        for (int seq = 0; seq < 5; seq++) {
            processor.deliver(inbox, "dm", "{\"seq\":" + seq + "}");
            processor.deliver(SequenceWriter.neighbourOf(inbox), "dm", "{\"seq\":-1}");
        }
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        processor.reply(gateway.gatewayId(), alice.connectionId, "s", new Granted(inbox, new Position(-1L, "")));

        JsonNode subscribed = alice.next();
        assertThat(subscribed.path("recovered").asBoolean(false)).isTrue();
        assertThat(subscribed.path("position").path("epoch").asText())
                .isEqualTo(processor.epoch("user", ProcessorStandIn.partitionOf(inbox)));
        assertConsecutive(alice, 0, 5);
        processor.deliver(inbox, "dm", "{\"seq\":5}");
        assertConsecutive(alice, 5, 6);
    }

    @Test
    void stopsARecoveryAtUnsubscribeSoThatNothingOfTheChannelFollowsUnsubscribed() throws Exception {
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 4000));
        writer.write(0, 5000, 250);
        RawWebSocket alice = track(RawWebSocket.connect(gateway.port(), 16 * 1024));
        String id =
                JSON.readTree(alice.readFrame().text()).path("connection_id").asText();
        processor.reply(gateway.gatewayId(), id, "s", new Granted(CHANNEL, new Position(-1L, epoch)));
        assertThat(JSON.readTree(alice.readFrame().text()).path("recovered").asBoolean(false))
                .isTrue();

        // 20 MB to recover and a client that reads nothing yet: the socket fills and the recovery waits
        alice.sendText(("{\"type\":\"unsubscribe\",\"id\":\"u\",\"channel\":\"" + CHANNEL + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        processor.awaitAction(of(id, Unsubscribe.class));
        processor.reply(gateway.gatewayId(), id, "u", new Ended(CHANNEL, "client"));

        int seq = 0;
        JsonNode frame;
        while ((frame = JSON.readTree(alice.readFrame().text()))
                .path("type")
                .asText()
                .equals("message")) {
            assertThat(frame.path("data").path("seq").asInt()).isEqualTo(seq++);
        }
        assertThat(frame.path("type").asText()).isEqualTo("unsubscribed");
        assertThat(seq).as("the recovery was cut short").isLessThan(5000);
        alice.sendText("{\"type\":\"ping\",\"id\":\"last\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(alice.readFrame().text()).path("type").asText())
                .isEqualTo("pong");
    }

    @Test
    void forwardsAnAckWithTheEpochOfTheChannelAndAnswersNothing() throws Exception {
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        subscribeGranted(alice, null);

        alice.send("{\"type\":\"ack\",\"id\":\"a\",\"channel\":\"" + CHANNEL + "\",\"offset\":12}");

        ClientAction ack =
                processor.awaitAction(of(alice.connectionId, Ack.class)).value();
        assertThat(ack.getAction()).isEqualTo(new Ack(CHANNEL, 12L, epoch));
        assertThat(ack.getRequestId()).isEqualTo("a");
        assertNothingMoreThan(alice);
    }

    /** Subscribes through the stand-in processor, which grants with this since; returns the subscribed frame. */
    private JsonNode subscribeGranted(WsTestClient client, Position since) throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\"}");
        processor.awaitAction(of(client.connectionId, Subscribe.class));
        processor.reply(gateway.gatewayId(), client.connectionId, "s", new Granted(CHANNEL, since));
        JsonNode subscribed = client.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        return subscribed;
    }

    private static String subscribe(long offset, String epoch) {
        return "{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\",\"since\":{\"offset\":" + offset
                + ",\"epoch\":\"" + epoch + "\"}}";
    }

    /** The next messages carry seq numbers [from, to), each once, in order, with growing offsets. */
    private static void assertConsecutive(WsTestClient client, int from, int to) throws Exception {
        long lastOffset = -1;
        for (int seq = from; seq < to; seq++) {
            JsonNode message = client.next();
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("data").path("seq").asInt()).isEqualTo(seq);
            assertThat(message.path("offset").asLong()).isGreaterThan(lastOffset);
            lastOffset = message.path("offset").asLong();
        }
    }

    /** Nothing else is on its way: a ping's pong is the next frame. */
    private static void assertNothingMoreThan(WsTestClient client) throws Exception {
        client.send("{\"type\":\"ping\",\"id\":\"last\"}");
        JsonNode next = client.next();
        assertThat(next.path("type").asText()).isEqualTo("pong");
        assertThat(next.path("id").asText()).isEqualTo("last");
    }

    private static Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
