package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The walking skeleton's promise: an event produced to Kafka reaches exactly the subscribers of its channel. */
class DeliveryIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(2);

    @Test
    void deliversAnEventOnlyToSubscribersOfItsChannel() {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient subscriber = CLUSTER.connect(0, "subscriber", "viewer");
                TestClient otherChannel = CLUSTER.connect(0, "other", "viewer");
                TestClient idle = CLUSTER.connect(0, "idle", "viewer")) {
            JsonNode subscribed = subscriber.subscribe(thread);
            otherChannel.subscribe("status");

            CLUSTER.produceEvent(
                    thread,
                    "{\"channel\":\"" + thread
                            + "\",\"event\":\"comment.created\",\"data\":{\"text\":\"hello\",\"n\":1}}");

            JsonNode message =
                    subscriber.awaitFrame(f -> f.path("type").asText().equals("message"));
            assertThat(message.path("channel").asText()).isEqualTo(thread);
            assertThat(message.path("event").asText()).isEqualTo("comment.created");
            assertThat(message.path("data").path("text").asText()).isEqualTo("hello");
            assertThat(message.path("offset").asLong())
                    .isGreaterThan(subscribed.path("position").path("offset").asLong());
            assertThat(message.path("epoch").asText())
                    .isEqualTo(subscribed.path("position").path("epoch").asText());
            assertThat(message.path("ts").asLong()).isPositive();

            // A later event on the other client's channel proves the gateways kept running while nothing else arrived.
            CLUSTER.produceEvent("status", "{\"channel\":\"status\",\"data\":\"ok\"}");
            otherChannel.awaitFrame(f -> f.path("type").asText().equals("message"));
            assertThat(otherChannel.messages(thread)).isEmpty();
            // welcome, and the automatic subscription to its personal channel: nothing else
            assertThat(idle.frames()).extracting(f -> f.path("type").asText()).containsOnly("welcome", "subscribed");
            assertThat(idle.frames())
                    .filteredOn(f -> f.path("type").asText().equals("subscribed"))
                    .extracting(f -> f.path("channel").asText())
                    .containsExactly("user:idle");
        }
    }

    @Test
    void eachGatewayDeliversToItsOwnClients() {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient onFirst = CLUSTER.connect(0, "viewer-1", "viewer");
                TestClient onSecond = CLUSTER.connect(1, "viewer-2", "viewer")) {
            onFirst.subscribe(thread);
            onSecond.subscribe(thread);

            for (int i = 0; i < 5; i++) {
                CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":" + i + "}");
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(onFirst.messages(thread))
                        .extracting(m -> m.path("data").asInt())
                        .containsExactly(0, 1, 2, 3, 4);
                assertThat(onSecond.messages(thread))
                        .extracting(m -> m.path("data").asInt())
                        .containsExactly(0, 1, 2, 3, 4);
            });
        }
    }

    @Test
    void sendsAnInvalidEventToTheDlqAndDeliversTheNextOne() {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient subscriber = CLUSTER.connect(0, "viewer-1", "viewer")) {
            subscriber.subscribe(thread);

            CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":");
            CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":\"after\"}");

            JsonNode message =
                    subscriber.awaitFrame(f -> f.path("type").asText().equals("message"));
            assertThat(message.path("data").asText()).isEqualTo("after");
            assertThat(subscriber.messages(thread)).hasSize(1);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(CLUSTER.readDlq()).anySatisfy(record -> {
                        assertThat(record.value()).isEqualTo("{\"channel\":\"" + thread + "\",\"data\":");
                        assertThat(record.reason()).contains("not valid JSON");
                    }));
        }
    }

    @Test
    void aLargeEventCompressedOnceByTheProcessorArrivesAsTheSameJson() {
        String thread = "forum_threads:" + UUID.randomUUID();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"n\":")
                    .append(i)
                    .append(",\"text\":\"comment number ")
                    .append(i)
                    .append("\"}");
        }
        String data = "[" + items + "]"; // about 30 KB
        try (TestClient subscriber = CLUSTER.connect(0, "large", "viewer")) {
            subscriber.subscribe(thread);

            CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":" + data + "}");

            JsonNode message =
                    subscriber.awaitFrame(f -> f.path("type").asText().equals("message"));
            assertThat(message.path("data").toString()).isEqualTo(data);
            // compressed once in Kafka, inflated once by the gateway for a client that announced no encoding
            assertThat(CLUSTER.readDeliveries(thread)).singleElement().satisfies(delivery -> assertThat(
                            delivery.getPayload().getEncoding())
                    .isEqualTo(PayloadEncoding.GZIP));
        }
    }

    @Test
    void refusesAnUnknownChannelFamily() {
        try (TestClient client = CLUSTER.connect(0, "viewer-1", "viewer")) {
            client.sendText("{\"type\":\"subscribe\",\"id\":\"x1\",\"channel\":\"no_such_family\"}");

            JsonNode error = client.awaitFrame(f -> f.path("type").asText().equals("error"));
            assertThat(error.path("id").asText()).isEqualTo("x1");
            assertThat(error.path("code").asText()).isEqualTo("unknown_channel");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void closesWith1009WhenAFrameIsOverTheLimit() {
        try (TestClient client = CLUSTER.connect(0, "viewer-1", "viewer")) {
            String big = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
            client.sendText(big);

            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }
}
