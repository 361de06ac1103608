package io.switchboard.processor.actions;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.PresenceChange;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.PresenceLookup;
import io.switchboard.schemas.avro.PresenceQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * What the presence stage must hear from the actions: a connection began or stopped holding a channel of a
 * presence-enabled family, and allowed presence queries. Actions are keyed by user, presence by channel, so these go
 * through {@code switchboard.presence} keyed by channel, to the one task that holds the channel's presence. The
 * callers report only real transitions of {@link ConnectionLedger} (a second subscribe, or an unsubscribe of a
 * channel never granted, reports nothing); the presence stage ignores repeats anyway.
 */
final class PresenceFeed {
    private final Set<String> families;
    private final ActionOutputs outputs;

    PresenceFeed(Set<String> families, ActionOutputs outputs) {
        this.families = Set.copyOf(families);
        this.outputs = outputs;
    }

    /** Whether the channel's family has presence; false for a name that is no channel. */
    boolean enabled(String channel) {
        return ChannelName.isValid(channel)
                && families.contains(ChannelName.parse(channel).family());
    }

    /** The connection of {@code action} now holds {@code channel}. */
    void held(ClientAction action, String channel, long timestamp) {
        change(action.getConnectionId(), action.getUserId(), channel, true, action.getTime(), timestamp);
    }

    /** The connection of user {@code userId} (null: anonymous) no longer holds {@code channels}. */
    void released(String connectionId, String userId, Collection<String> channels, Instant time, long timestamp) {
        for (String channel : channels) {
            change(connectionId, userId, channel, false, time, timestamp);
        }
    }

    /** Sends an allowed query to the channel's presence task, which answers the connection. */
    void lookup(ClientAction action, PresenceQuery query, long timestamp) {
        PresenceLookup lookup = new PresenceLookup(
                action.getGatewayId(), action.getConnectionId(), action.getRequestId(), query.getAfter());
        outputs.presence(new PresenceCommand(query.getChannel(), action.getTime(), lookup), timestamp);
    }

    private void change(String connectionId, String userId, String channel, boolean holds, Instant time, long ts) {
        if (!enabled(channel)) {
            return;
        }
        // An empty user id is anonymous, as everywhere in the ledger.
        String user = userId == null || userId.isEmpty() ? null : userId;
        outputs.presence(new PresenceCommand(channel, time, new PresenceChange(connectionId, user, holds)), ts);
    }
}
