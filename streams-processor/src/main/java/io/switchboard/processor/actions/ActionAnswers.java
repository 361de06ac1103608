package io.switchboard.processor.actions;

import io.switchboard.processor.policy.AccessPolicy;
import io.switchboard.processor.policy.Decision;
import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The processor's decisions on client actions, without state: subscribe is granted or refused by the {@link
 * AccessPolicy}, publish is refused or turned into a {@link Delivery}, and a connection's channels are checked
 * again when the policy or its roles change. The handlers of {@link AnswerActionsProcessor} keep the state and send
 * the replies.
 */
final class ActionAnswers {
    /** The reason of an {@link Ended} the client asked for. */
    static final String ENDED_BY_CLIENT = "client";
    /** The reason of an {@link Ended} the policy forced: the connection may no longer receive the channel. */
    static final String PERMISSION_REVOKED = "permission_revoked";

    private final AccessPolicy policy;
    private final String userFamily;

    ActionAnswers(AccessPolicy policy, String userFamily) {
        this.policy = policy;
        this.userFamily = userFamily;
    }

    /** A reply to one connection; {@code requestId} is the client's message id, or null for an unasked one. */
    static Reply reply(String connectionId, String requestId, Instant time, Object body) {
        return Reply.newBuilder()
                .setConnectionId(connectionId)
                .setRequestId(requestId)
                .setTime(time)
                .setBody(body)
                .build();
    }

    /** The personal channel {@code user:<id>} an authenticated connection holds from the start, if it has one. */
    Optional<String> personalChannel(ClientAction action) {
        return Optional.ofNullable(action.getUserId())
                .filter(id -> !id.isEmpty())
                .map(id -> userFamily + ":" + id)
                .filter(ChannelName::isValid);
    }

    /** {@link Granted} or {@link Refused}. */
    Object subscribe(ClientAction action, Subscribe subscribe) {
        Requester requester = requester(action.getUserId(), action.getRoles());
        return refusal(subscribe.getChannel(), channel -> policy.subscribe(requester, channel))
                .<Object>map(refused -> refused)
                .orElseGet(() -> new Granted(subscribe.getChannel(), subscribe.getSince()));
    }

    /** Why {@code action} may not publish, or empty when it may. */
    Optional<Refused> publishRefusal(ClientAction action, Publish publish) {
        Requester requester = requester(action.getUserId(), action.getRoles());
        return refusal(publish.getChannel(), channel -> policy.publish(requester, channel));
    }

    /** The message an allowed publish writes to its channel, stamped with the action's time. */
    static Delivery delivery(ClientAction action, Publish publish, String eventId) {
        return Delivery.newBuilder()
                .setChannel(publish.getChannel())
                .setEventId(eventId)
                .setEvent(publish.getEvent())
                .setTime(action.getTime())
                .setPayload(publish.getPayload())
                .setReplayed(false)
                .build();
    }

    /** The channels {@code state} holds that the policy no longer lets it receive. */
    List<String> revoked(ConnectionState state) {
        Requester requester = requester(state.getUserId(), state.getRoles());
        return state.getChannels().stream()
                .filter(name -> refusal(name, channel -> policy.subscribe(requester, channel))
                        .isPresent())
                .toList();
    }

    private static Requester requester(String userId, List<String> roles) {
        return Requester.of(userId, roles);
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
