package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.util.List;

/**
 * Subscribe and Unsubscribe: a subscribe is granted (and recorded) or refused by the policy, from the user's cursor
 * when it is to the own personal channel without {@code since}; an unsubscribe ends the channel. The presence stage
 * hears of a channel the connection newly holds or no longer holds, never of a repeat.
 */
final class SubscriptionHandler {
    private final ActionAnswers answers;
    private final ConnectionLedger connections;
    private final CursorLedger cursors;
    private final PresenceFeed presence;
    private final ActionOutputs outputs;

    SubscriptionHandler(
            ActionAnswers answers,
            ConnectionLedger connections,
            CursorLedger cursors,
            PresenceFeed presence,
            ActionOutputs outputs) {
        this.answers = answers;
        this.connections = connections;
        this.cursors = cursors;
        this.presence = presence;
        this.outputs = outputs;
    }

    void subscribe(ClientAction action, Subscribe subscribe, long timestamp) {
        Object answer = answers.subscribe(action, subscribe);
        boolean newlyHeld = false;
        if (answer instanceof Granted granted) {
            newlyHeld = connections.grant(action, subscribe.getChannel());
            answer = fromCursorWhenPersonal(action, granted);
        }
        outputs.reply(action, answer, timestamp);
        if (newlyHeld) {
            presence.held(action, subscribe.getChannel(), timestamp);
        }
    }

    void unsubscribe(ClientAction action, Unsubscribe unsubscribe, long timestamp) {
        List<String> released = connections.release(action.getConnectionId(), List.of(unsubscribe.getChannel()));
        presence.released(action.getConnectionId(), action.getUserId(), released, action.getTime(), timestamp);
        outputs.reply(action, new Ended(unsubscribe.getChannel(), ActionAnswers.ENDED_BY_CLIENT), timestamp);
    }

    // The client's own position wins; the cursor stands in only on the own personal channel when it gave none.
    private Granted fromCursorWhenPersonal(ClientAction action, Granted granted) {
        boolean own = answers.personalChannel(action)
                .filter(granted.getChannel()::equals)
                .isPresent();
        if (!own || granted.getSince() != null) {
            return granted;
        }
        return new Granted(granted.getChannel(), cursors.resumeFrom(action.getUserId(), granted.getChannel()));
    }
}
