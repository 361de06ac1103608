package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts (PROTOCOL.md, "Delivery receipts"): a publish asks with {@code "receipts": true} only when the
 * application asked, and {@code receipt} frames reach the receipt listeners, never a message listener nor the personal
 * channel's positions. Against {@link FakeGateway}, which puts each frame where the test needs it.
 */
class ReceiptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String THREAD = "forum_threads:42";
    private static final String PERSONAL = "user:alice";

    private final FakeGateway gateway = new FakeGateway("alice");
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<JsonNode> unhandled = new CopyOnWriteArrayList<>();
    private final List<SwitchboardException> errors = new CopyOnWriteArrayList<>();
    private final SwitchboardClient client = SwitchboardClient.builder(gateway.url())
            .receiptListener(receipts::add)
            .connectionListener(new ConnectionListener() {
                @Override
                public void onError(SwitchboardException error) {
                    errors.add(error);
                }

                @Override
                public void onUnhandledFrame(JsonNode frame) {
                    unhandled.add(frame);
                }
            })
            .build();

    @AfterEach
    void close() {
        client.close();
        gateway.close();
    }

    @Test
    void aPublishCarriesReceiptsOnlyWhenTheApplicationAsks() throws Exception {
        client.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        CompletableFuture<JsonNode> plain = client.publish(THREAD, JSON.readTree("{\"n\":1}"), "said");
        JsonNode plainFrame = gateway.next("publish");
        client.publish(THREAD, JSON.readTree("{\"n\":2}"), null, PublishOptions.none());
        JsonNode noneFrame = gateway.next("publish");
        CompletableFuture<JsonNode> asked =
                client.publish(THREAD, JSON.readTree("{\"n\":3}"), "said", PublishOptions.withReceipts());
        JsonNode askedFrame = gateway.next("publish");

        assertThat(plainFrame.has("receipts")).as(plainFrame.toString()).isFalse();
        assertThat(noneFrame.has("receipts")).as(noneFrame.toString()).isFalse();
        assertThat(askedFrame.path("receipts").isBoolean())
                .as(askedFrame.toString())
                .isTrue();
        assertThat(askedFrame.path("receipts").booleanValue()).isTrue();
        assertThat(askedFrame.path("channel").asText()).isEqualTo(THREAD);
        assertThat(askedFrame.path("event").asText()).isEqualTo("said");
        assertThat(askedFrame.path("data")).isEqualTo(JSON.readTree("{\"n\":3}"));

        gateway.send(published(askedFrame, 58));
        gateway.send(published(plainFrame, 57));
        assertThat(asked.get(WAIT.toSeconds(), TimeUnit.SECONDS).path("offset").asLong())
                .isEqualTo(58);
        assertThat(plain.get(WAIT.toSeconds(), TimeUnit.SECONDS).path("offset").asLong())
                .isEqualTo(57);
    }

    @Test
    void aReceiptReachesTheReceiptListenersAndLeavesThePersonalChannelsMessagesAlone() throws Exception {
        client.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<JsonNode> subscribed = client.subscribe(PERSONAL, messages::add);
        JsonNode subscribe = gateway.next("subscribe");
        gateway.send("{\"type\":\"subscribed\",\"id\":\"" + subscribe.get("id").asText() + "\",\"channel\":\""
                + PERSONAL + "\",\"position\":{\"offset\":4,\"epoch\":\"e1\"}}");
        subscribed.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        gateway.send(message(5));
        gateway.send("{\"type\":\"receipt\",\"event_id\":\"ev-1\",\"user_id\":\"bob\",\"acked_at\":1763800000999}");
        gateway.send(message(6));
        gateway.send(message(6)); // a repeat the client drops, as before the receipt
        gateway.send(message(7));

        await().atMost(WAIT).until(() -> messages.size() >= 3);
        assertThat(messages).extracting(Message::offset).containsExactly(5L, 6L, 7L);
        assertThat(receipts).containsExactly(new Receipt("ev-1", "bob", 1763800000999L));
        assertThat(receipts.get(0).ackedAtInstant().toEpochMilli()).isEqualTo(1763800000999L);
        assertThat(unhandled).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void aMalformedReceiptIsABadFrameErrorAndTheReceiptsAfterItStillArrive() throws Exception {
        client.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        gateway.send("{\"type\":\"receipt\",\"user_id\":\"bob\",\"acked_at\":1}");
        gateway.send("{\"type\":\"receipt\",\"event_id\":\"ev-2\",\"user_id\":\"bob\",\"acked_at\":\"soon\"}");
        gateway.send("{\"type\":\"receipt\",\"event_id\":\"ev-3\",\"user_id\":\"carol\",\"acked_at\":2}");

        await().atMost(WAIT).until(() -> !receipts.isEmpty());
        assertThat(receipts).containsExactly(new Receipt("ev-3", "carol", 2));
        assertThat(errors).extracting(SwitchboardException::code).containsExactly("bad_frame", "bad_frame");
        assertThat(unhandled).isEmpty();
    }

    @Test
    void listenersAddedLaterHearReceiptsUntilRemovedAndOneThatThrowsStopsNoOther() throws Exception {
        client.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<Receipt> later = new CopyOnWriteArrayList<>();
        ReceiptListener laterListener = later::add;
        client.addReceiptListener(receipt -> {
            throw new IllegalStateException("an application bug");
        });
        client.addReceiptListener(laterListener);

        gateway.send("{\"type\":\"receipt\",\"event_id\":\"ev-4\",\"user_id\":\"bob\",\"acked_at\":4}");
        await().atMost(WAIT).until(() -> !later.isEmpty());
        client.removeReceiptListener(laterListener);
        gateway.send("{\"type\":\"receipt\",\"event_id\":\"ev-5\",\"user_id\":\"bob\",\"acked_at\":5}");
        await().atMost(WAIT).until(() -> receipts.size() == 2 && errors.size() == 2);

        assertThat(later).extracting(Receipt::eventId).containsExactly("ev-4");
        assertThat(receipts).extracting(Receipt::eventId).containsExactly("ev-4", "ev-5");
        assertThat(errors).extracting(SwitchboardException::code).containsExactly("listener_failed", "listener_failed");
    }

    private static String published(JsonNode publish, long offset) {
        return "{\"type\":\"published\",\"id\":\"" + publish.get("id").asText() + "\",\"channel\":\""
                + publish.get("channel").asText() + "\",\"offset\":" + offset + "}";
    }

    private static String message(long offset) {
        return "{\"type\":\"message\",\"channel\":\"" + PERSONAL + "\",\"offset\":" + offset
                + ",\"epoch\":\"e1\",\"event\":\"dm\",\"data\":{\"n\":" + offset + "},\"ts\":1763800000123}";
    }
}
