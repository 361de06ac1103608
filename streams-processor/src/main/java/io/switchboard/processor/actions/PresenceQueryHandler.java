package io.switchboard.processor.actions;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Subscribe;

/**
 * PresenceQuery: refused exactly where a subscribe to the channel would be (so {@code permission_denied} or {@code
 * unknown_channel}), then {@code bad_request} for a family without presence or an {@code after} that is no user id;
 * an allowed query goes on to the channel's presence task ({@link PresenceFeed#lookup}), which answers it. The
 * connection need not hold the channel: whoever may subscribe may ask.
 */
final class PresenceQueryHandler {
    static final String BAD_REQUEST = "bad_request";

    private final ActionAnswers answers;
    private final PresenceFeed presence;
    private final ActionOutputs outputs;

    PresenceQueryHandler(ActionAnswers answers, PresenceFeed presence, ActionOutputs outputs) {
        this.answers = answers;
        this.presence = presence;
        this.outputs = outputs;
    }

    void query(ClientAction action, PresenceQuery query, long timestamp) {
        String channel = query.getChannel();
        if (answers.subscribe(action, new Subscribe(channel, null)) instanceof Refused refused) {
            outputs.reply(action, refused, timestamp);
        } else if (!presence.enabled(channel)) {
            String family = ChannelName.parse(channel).family();
            outputs.reply(
                    action,
                    new Refused(channel, BAD_REQUEST, "presence is not enabled for the family '" + family + "'"),
                    timestamp);
        } else if (query.getAfter() != null && !ChannelName.isValidUserId(query.getAfter())) {
            outputs.reply(
                    action,
                    new Refused(channel, BAD_REQUEST, "after must be a user id (the next of the previous page)"),
                    timestamp);
        } else {
            presence.lookup(action, query, timestamp);
        }
    }
}
