package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * A frame waiting for its reply, matched by {@code id}. An owned request is the client's own re-subscribe: it is
 * dropped, not failed, when its connection closes (the next connection sends it again).
 */
final class Request {
    final ObjectNode frame;
    final boolean owned;
    private final Consumer<JsonNode> onReply;
    private final Consumer<SwitchboardException> onError;
    boolean sent;

    Request(ObjectNode frame, boolean owned, Consumer<JsonNode> onReply, Consumer<SwitchboardException> onError) {
        this.frame = frame;
        this.owned = owned;
        this.onReply = onReply;
        this.onError = onError;
    }

    String id() {
        return frame.path("id").asText();
    }

    void answer(JsonNode reply) {
        if ("error".equals(reply.path("type").asText())) {
            onError.accept(SwitchboardException.fromFrame(reply));
        } else {
            onReply.accept(reply);
        }
    }

    void fail(SwitchboardException error) {
        onError.accept(error);
    }
}
