package io.switchboard.processor.actions;

import io.switchboard.processor.policy.AccessPolicy;
import io.switchboard.processor.policy.Decision;
import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.util.Optional;
import java.util.function.Function;

/**
 * The processor's answer to one client action, addressed to its connection: subscribe is granted or refused by
 * the {@link AccessPolicy}, unsubscribe always ends, publish is refused or accepted by the policy (and refused by
 * every policy until publishing is built). Connect and disconnect need no answer.
 */
public final class ActionAnswers {
    /** The reason of an {@link Ended} the client asked for. */
    public static final String ENDED_BY_CLIENT = "client";

    private final AccessPolicy policy;

    public ActionAnswers(AccessPolicy policy) {
        this.policy = policy;
    }

    /** The reply to {@code action}, or empty when it needs none. */
    public Optional<Reply> answer(ClientAction action) {
        Object body = body(action);
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(Reply.newBuilder()
                .setConnectionId(action.getConnectionId())
                .setRequestId(action.getRequestId())
                .setTime(action.getTime())
                .setBody(body)
                .build());
    }

    private Object body(ClientAction action) {
        Object request = action.getAction();
        Requester requester = Requester.of(action.getUserId(), action.getRoles());
        if (request instanceof Subscribe subscribe) {
            return subscribe(requester, subscribe);
        }
        if (request instanceof Unsubscribe unsubscribe) {
            return new Ended(unsubscribe.getChannel(), ENDED_BY_CLIENT);
        }
        if (request instanceof Publish publish) {
            return publish(requester, publish);
        }
        return null;
    }

    private Object subscribe(Requester requester, Subscribe subscribe) {
        return refusal(subscribe.getChannel(), channel -> policy.subscribe(requester, channel))
                .<Object>map(refused -> refused)
                .orElseGet(() -> new Granted(subscribe.getChannel(), subscribe.getSince()));
    }

    // Even an allowed publish is refused until the publish path exists: it will write the event and reply Published.
    private Object publish(Requester requester, Publish publish) {
        return refusal(publish.getChannel(), channel -> policy.publish(requester, channel))
                .orElseGet(() -> new Refused(
                        publish.getChannel(),
                        Decision.PERMISSION_DENIED,
                        "publishing from connections is not enabled yet"));
    }

    /** The refusal when the channel name is not valid or the policy denies the action. */
    private static Optional<Refused> refusal(String channelName, Function<ChannelName, Decision> check) {
        ChannelName channel;
        try {
            channel = ChannelName.parse(channelName);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refused(channelName, Decision.UNKNOWN_CHANNEL, e.getMessage()));
        }
        if (check.apply(channel) instanceof Decision.Denied denied) {
            return Optional.of(new Refused(channelName, denied.code(), denied.message()));
        }
        return Optional.empty();
    }
}
