package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Subscribe;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's side of presence on a real broker with real WebSocket clients, the processor played by {@link
 * ProcessorStandIn}: the {@code presence} frame goes to the processor and its answer comes back, and the join and
 * leave notices in a channel's output partition reach only the subscribers that asked for them, in order with the
 * channel's messages, without moving any delivered position.
 */
@Timeout(120)
class PresenceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final String THREAD = "forum_threads:42";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private ProcessorStandIn processor;
    private SwitchboardGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Topics topics = new Topics("presence" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "forum_threads", "metrics"));
        gateway = track(SwitchboardGateway.start(
                GatewayConfig.forTests(KAFKA.bootstrapServers(), Map.of(GatewayConfig.TOPIC_PREFIX, topics.prefix()))));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void forwardsAPresenceQueryAndRelaysTheAnswerOrTheRefusal() throws Exception {
        WsTestClient client = track(WsTestClient.welcomed(gateway));

        client.send("{\"type\":\"presence\",\"id\":\"q1\",\"channel\":\"" + THREAD + "\",\"after\":\"alice\"}");
        ConsumerRecord<String, ClientAction> query =
                processor.awaitAction(of(client.connectionId, PresenceQuery.class));
        assertThat(query.value().getRequestId()).isEqualTo("q1");
        assertThat(query.value().getAction()).isEqualTo(new PresenceQuery(THREAD, "alice"));
        processor.reply(
                gateway.gatewayId(),
                client.connectionId,
                "q1",
                new PresenceAnswer(THREAD, List.of(new PresenceMember("bob", 2)), 1001, 3, "bob"));
        assertThat(client.next().toString())
                .isEqualTo("{\"type\":\"presence\",\"id\":\"q1\",\"channel\":\"forum_threads:42\",\"members\":["
                        + "{\"user_id\":\"bob\",\"connections\":2}],\"count\":1001,\"anonymous\":3,\"next\":\"bob\"}");

        client.send("{\"type\":\"presence\",\"id\":\"q2\",\"channel\":\"" + THREAD + "\",\"after\":\"no one\"}");
        JsonNode badAfter = client.next();
        assertThat(badAfter.path("code").asText()).isEqualTo("bad_request");
        assertThat(badAfter.path("id").asText()).isEqualTo("q2");

        client.send("{\"type\":\"presence\",\"id\":\"q3\",\"channel\":\"metrics\"}");
        processor.awaitAction(
                of(client.connectionId, PresenceQuery.class).and(action -> "q3".equals(action.getRequestId())));
        processor.reply(
                gateway.gatewayId(),
                client.connectionId,
                "q3",
                new Refused("metrics", "bad_request", "presence is not enabled for the family 'metrics'"));
        assertThat(client.next().toString())
                .isEqualTo("{\"type\":\"error\",\"id\":\"q3\",\"code\":\"bad_request\","
                        + "\"message\":\"presence is not enabled for the family 'metrics'\",\"channel\":\"metrics\"}");
    }

    @Test
    void sendsJoinAndLeaveOnlyToPresenceSubscribersInOrderWithMessagesAndNeverAsAPosition() throws Exception {
        WsTestClient watcher = track(WsTestClient.welcomed(gateway));
        WsTestClient reader = track(WsTestClient.welcomed(gateway));
        long subscribedAt = subscribeGranted(watcher, ",\"presence\":true");
        subscribeGranted(reader, "");

        RecordMetadata first = processor.deliver(THREAD, "comment", "{\"n\":1}");
        processor.notice(THREAD, "bob", PresenceKind.JOIN);
        RecordMetadata second = processor.deliver(THREAD, "comment", "{\"n\":2}");
        processor.notice(THREAD, "bob", PresenceKind.LEAVE);

        assertThat(List.of(watcher.next(), watcher.next(), watcher.next(), watcher.next()))
                .extracting(frame ->
                        frame.path("type").asText() + " " + frame.path("offset").asLong(-1))
                .containsExactly("message " + first.offset(), "join -1", "message " + second.offset(), "leave -1");
        assertThat(reader.next().path("offset").asLong()).isEqualTo(first.offset());
        assertThat(reader.next().path("offset").asLong()).isEqualTo(second.offset());
        reader.send("{\"type\":\"ping\",\"id\":\"then\"}");
        assertThat(reader.next().path("type").asText())
                .as("no join or leave for a subscriber that did not ask")
                .isEqualTo("pong");

        // a recovery brings back the messages only, not the joins and leaves between them
        WsTestClient recovering = track(WsTestClient.welcomed(gateway));
        String epoch = processor.epoch("forum_threads", first.partition());
        recovering.send("{\"type\":\"subscribe\",\"id\":\"r\",\"channel\":\"" + THREAD + "\",\"presence\":true,"
                + "\"since\":{\"offset\":" + subscribedAt + ",\"epoch\":\"" + epoch + "\"}}");
        processor.awaitAction(of(recovering.connectionId, Subscribe.class));
        processor.reply(
                gateway.gatewayId(),
                recovering.connectionId,
                "r",
                new Granted(THREAD, new io.switchboard.schemas.avro.Position(subscribedAt, epoch)));
        assertThat(recovering.next().path("recovered").asBoolean()).isTrue();
        assertThat(recovering.next().path("offset").asLong()).isEqualTo(first.offset());
        assertThat(recovering.next().path("offset").asLong()).isEqualTo(second.offset());
        recovering.send("{\"type\":\"ping\",\"id\":\"then\"}");
        assertThat(recovering.next().path("type").asText()).isEqualTo("pong");

        processor.notice(THREAD, "carol", PresenceKind.JOIN);
        assertThat(watcher.next().path("user_id").asText()).isEqualTo("carol");

        watcher.close();
        ConsumerRecord<String, ClientAction> disconnect =
                processor.awaitAction(of(watcher.connectionId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getDelivered())
                .as("the last message written, not the notices after it; presence wanted, for a resume")
                .containsExactly(new ChannelPosition(THREAD, second.offset(), epoch, true));
    }

    /** Subscribes with these extra fields, grants it, and returns the position of the subscribed frame. */
    private long subscribeGranted(WsTestClient client, String extraFields) throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + THREAD + "\"" + extraFields + "}");
        processor.awaitAction(of(client.connectionId, Subscribe.class));
        processor.reply(gateway.gatewayId(), client.connectionId, "s", new Granted(THREAD, null));
        JsonNode subscribed = client.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        return subscribed.path("position").path("offset").asLong();
    }

    private static Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
