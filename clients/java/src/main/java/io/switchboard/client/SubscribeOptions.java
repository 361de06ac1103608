package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Options of {@link SwitchboardClient#subscribe(String, MessageListener, SubscribeOptions)}: with presence, the
 * subscriber also gets the channel's {@code join} and {@code leave} frames (PROTOCOL.md, "Presence").
 *
 * @param presence whether to ask for join and leave frames
 * @param onJoin receives each {@code join} frame
 * @param onLeave receives each {@code leave} frame
 */
public record SubscribeOptions(boolean presence, Consumer<JsonNode> onJoin, Consumer<JsonNode> onLeave) {
    private static final Consumer<JsonNode> IGNORE = frame -> {};

    public SubscribeOptions {
        onJoin = onJoin == null ? IGNORE : onJoin;
        onLeave = onLeave == null ? IGNORE : onLeave;
    }

    /** No presence. */
    public static SubscribeOptions none() {
        return new SubscribeOptions(false, IGNORE, IGNORE);
    }

    /** Presence, with these listeners of join and leave frames. */
    public static SubscribeOptions presence(Consumer<JsonNode> onJoin, Consumer<JsonNode> onLeave) {
        return new SubscribeOptions(true, onJoin, onLeave);
    }
}
