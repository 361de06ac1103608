package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the client holds for one channel the application subscribed to. Used on the event thread only. */
final class Subscription {
    final String channel;
    final MessageListener listener;
    final SubscribeOptions options;
    /** The last position handed to the listener (at first: where the stream began): where a re-subscribe resumes. */
    Position last;
    /** Whether the current connection delivers the channel. */
    boolean confirmed;
    /** subscribe() futures still waiting for the first {@code subscribed}. */
    private final List<CompletableFuture<JsonNode>> waiters = new ArrayList<>();

    Subscription(String channel, MessageListener listener, SubscribeOptions options) {
        this.channel = channel;
        this.listener = listener;
        this.options = options;
    }

    void addWaiter(CompletableFuture<JsonNode> waiter) {
        waiters.add(waiter);
    }

    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** The {@code subscribe} frame: with {@code since} once a position is known, so nothing is missed. */
    ObjectNode frame(String id) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("type", "subscribe").put("id", id).put("channel", channel);
        if (last != null) {
            frame.set("since", last.toJson());
        }
        if (options.presence()) {
            frame.put("presence", true);
        }
        return frame;
    }

    /** Completes the waiting subscribe() futures with the reply, or fails them with {@code error}. */
    void settle(SwitchboardException error, JsonNode reply) {
        List<CompletableFuture<JsonNode>> waiting = List.copyOf(waiters);
        waiters.clear();
        for (CompletableFuture<JsonNode> waiter : waiting) {
            if (error != null) {
                waiter.completeExceptionally(error);
            } else {
                waiter.complete(reply);
            }
        }
    }
}
