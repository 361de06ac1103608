package io.switchboard.processor.actions;

import io.switchboard.processor.acl.AclPolicy;
import io.switchboard.processor.compression.CompressOnce;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.processor.users.RoleDirectory;
import io.switchboard.processor.users.RolesSeenAtConnect;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Enforces the policy on client actions from {@code switchboard.actions}, keeps the live connections with their
 * granted channels in {@code connections-store} and each user's delivery cursors in {@code cursors-store}. Replies
 * are keyed by the gateway that holds the connection, so that gateway alone reads them from {@code
 * switchboard.replies}. This class holds the stores and the punctuators and hands each kind of action to the
 * handler of its concern ({@code ConnectionHandler}, {@code SubscriptionHandler}, {@code RevocationHandler}, {@code
 * PublishHandler}, {@code AckHandler}, {@code TokenHandler}, {@code PresenceQueryHandler}; {@code DeadGatewayPurge} on
 * its punctuator), which all write through {@code ActionOutputs}.
 *
 * <ul>
 *   <li>Connect records the connection; an authenticated one is granted its personal channel {@code user:<id>}
 *       at once (a {@code Granted} with no request id), from the user's cursor on it ({@link
 *       CursorLedger#resumeFrom}: after the last ack, or everything retained when there was none), or from the
 *       Connect's {@code personalSince} when the gateway restores a session from a reconnection token.
 *   <li>Subscribe is granted (and recorded) or refused by the ACL policy; unsubscribe ends the channel. A
 *       subscribe to one's own personal channel without {@code since} is granted from the cursor like at Connect;
 *       a {@code since} the client gave is kept as it is.
 *   <li>Ack of a channel the authenticated connection holds moves the user's cursor forward ({@link
 *       CursorLedger#supersedes}) and writes the new cursor to {@code switchboard.cursors}, and as a {@code ReceiptAck} to
 *       {@code switchboard.receipt-commands} keyed by channel, where {@code keep-receipts} answers it; an ack of an
 *       anonymous connection or of a channel it does not hold is ignored and counted.
 *   <li>An allowed publish becomes a {@code Delivery} to the channel's output topic, marked with {@link
 *       PublishHeaders}; {@link ConfirmPublishesProcessor} answers {@code published} once it has an offset.
 *   <li>IssueReconnectionToken gets a one-time token ({@link TokenIssuer}) in a {@code ReconnectionToken} reply;
 *       the session it restores (the connection's channels at the positions its gateway reported) goes to {@code
 *       switchboard.sessions} keyed by the token's hash, and the connection remembers the token. {@code
 *       resume-sessions} answers the {@code Resume} that uses it. Disconnect forgets the connection and writes each
 *       of its unexpired tokens' sessions again with the positions the gateway reported at disconnect.
 *   <li>CredentialsRefreshed takes the new roles and ends the channels they no longer allow.
 *   <li>At Connect and CredentialsRefreshed, an authenticated user whose roles differ from its entry in the role
 *       directory ({@code users-store}), or who has none, gets a new entry on {@code switchboard.users} ({@link
 *       RolesSeenAtConnect}), so that events to its roles reach it from then on, online or not.
 *   <li>Every {@code processor.acl.recheck-interval-ms} of wall-clock time, when the ACL changed, every
 *       connection of the task is checked again; a channel it may no longer receive ends with {@code
 *       permission_revoked}.
 *   <li>Every {@code processor.gateways.check-interval-ms} of wall-clock time, the gateways whose lease in {@code
 *       gateways-store} expired before now, and which other gateways outlived by a full lease period ({@link
 *       GatewayLeases}), are presumed dead: each of their connections in this task is forgotten
 *       and counted ({@code connections purged}); the reconnection tokens issued to it keep the session they were
 *       issued with. A gateway without a lease is never purged. A gateway that was
 *       only cut off and renews its lease later keeps the connections it opens from then on; the purged ones stay
 *       gone, as it has closed them on its side (or will, when it notices it lost Kafka) and their clients
 *       reconnect.
 *   <li>Presence ({@link PresenceFeed}): whenever a connection begins or stops holding a channel of a
 *       presence-enabled family (granted; unsubscribed, revoked, disconnected, purged), a {@code PresenceChange}
 *       goes to {@code switchboard.presence} keyed by channel, where {@code keep-presence} counts it. A
 *       PresenceQuery is refused where a subscribe would be, or for a family without presence or a malformed {@code
 *       after}; an allowed one goes the same way and is answered there.
 * </ul>
 */
public final class AnswerActionsProcessor implements Processor<String, ClientAction, String, Object> {
    /** The stores this processor uses and the children it forwards to, by node name. */
    public record Wiring(
            String aclStore,
            String connectionsStore,
            String cursorsStore,
            String usersStore,
            String gatewaysStore,
            String repliesChild,
            String publishesChild,
            String cursorsChild,
            String sessionsChild,
            String usersChild,
            String presenceChild,
            String receiptAcksChild) {}

    /** Answers one kind of action. */
    @FunctionalInterface
    private interface Answer<T> {
        void to(ClientAction action, T request, long timestamp);
    }

    private final Wiring wiring;
    private final Set<String> configuredFamilies;
    private final Set<String> presenceFamilies;
    private final Duration recheckInterval;
    private final Duration gatewaysCheckInterval;
    private final Supplier<String> eventIds;
    private final TokenIssuer tokens;
    private final CompressionSettings compression;
    private final Map<Class<?>, Answer<Object>> answersByKind = new HashMap<>();

    /**
     * @param configuredFamilies the families of {@code processor.families}
     * @param presenceFamilies the families of {@code processor.presence.families}
     * @param recheckInterval how often to look for a changed ACL (wall-clock time)
     * @param gatewaysCheckInterval how often to look for gateways whose lease expired (wall-clock time)
     * @param eventIds a fresh unique id for each published message
     * @param tokens issues the reconnection tokens
     */
    public AnswerActionsProcessor(
            Wiring wiring,
            Set<String> configuredFamilies,
            Set<String> presenceFamilies,
            Duration recheckInterval,
            Duration gatewaysCheckInterval,
            Supplier<String> eventIds,
            TokenIssuer tokens,
            CompressionSettings compression) {
        this.wiring = wiring;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.presenceFamilies = Set.copyOf(presenceFamilies);
        this.recheckInterval = recheckInterval;
        this.gatewaysCheckInterval = gatewaysCheckInterval;
        this.eventIds = eventIds;
        this.tokens = tokens;
        this.compression = compression;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        StreamsMetrics metrics = context.metrics();
        ReadOnlyKeyValueStore<String, AclRule> acl = context.getStateStore(wiring.aclStore());
        AclPolicy policy = new AclPolicy(acl::get, configuredFamilies, ChannelName.PERSONAL_FAMILY);
        ActionAnswers answers = new ActionAnswers(policy, ChannelName.PERSONAL_FAMILY);
        ConnectionLedger connections = new ConnectionLedger(context.getStateStore(wiring.connectionsStore()));
        CursorLedger cursors = new CursorLedger(context.getStateStore(wiring.cursorsStore()));
        ReadOnlyKeyValueStore<String, byte[]> users = context.getStateStore(wiring.usersStore());
        GatewayLeases leases = new GatewayLeases(context.getStateStore(wiring.gatewaysStore()));
        ActionOutputs outputs = new ActionOutputs(context, wiring);
        RoleEntries roles = new RoleEntries(
                new RolesSeenAtConnect(new RoleDirectory(users)),
                outputs,
                ProcessorMetrics.counter(metrics, "users", "written-at-connect"));
        PresenceFeed presence = new PresenceFeed(presenceFamilies, outputs);
        ConnectionHandler connection = new ConnectionHandler(answers, connections, cursors, roles, presence, outputs);
        SubscriptionHandler subscriptions = new SubscriptionHandler(answers, connections, cursors, presence, outputs);
        RevocationHandler revocations = new RevocationHandler(
                answers,
                connections,
                new AclChangeWatch(acl),
                roles,
                presence,
                outputs,
                ProcessorMetrics.counter(metrics, "subscriptions", "revoked"));
        PublishHandler publishes =
                new PublishHandler(answers, eventIds, CompressOnce.of(compression, metrics), outputs);
        AckHandler acks =
                new AckHandler(connections, cursors, outputs, ProcessorMetrics.counter(metrics, "acks", "ignored"));
        TokenHandler tokenRequests = new TokenHandler(connections, tokens, outputs);
        DeadGatewayPurge purge = new DeadGatewayPurge(
                leases, connections, presence, ProcessorMetrics.counter(metrics, "connections", "purged"));
        PresenceQueryHandler presenceQueries = new PresenceQueryHandler(answers, presence, outputs);

        answer(Connect.class, connection::connect);
        answer(Disconnect.class, connection::disconnect);
        answer(Subscribe.class, subscriptions::subscribe);
        answer(Unsubscribe.class, subscriptions::unsubscribe);
        answer(Publish.class, publishes::publish);
        answer(CredentialsRefreshed.class, revocations::credentialsRefreshed);
        answer(Ack.class, acks::ack);
        answer(IssueReconnectionToken.class, tokenRequests::issue);
        answer(PresenceQuery.class, presenceQueries::query);
        // Resume is resume-sessions' business; any other kind is not answered here.

        context.schedule(recheckInterval, PunctuationType.WALL_CLOCK_TIME, revocations::recheckIfAclChanged);
        context.schedule(gatewaysCheckInterval, PunctuationType.WALL_CLOCK_TIME, purge::purge);
    }

    @Override
    public void process(Record<String, ClientAction> record) {
        ClientAction action = record.value();
        if (action == null || action.getAction() == null) {
            return; // a tombstone carries no action
        }
        Object request = action.getAction();
        Answer<Object> answer = answersByKind.get(request.getClass());
        if (answer != null) {
            answer.to(action, request, record.timestamp());
        }
    }

    private <T> void answer(Class<T> kind, Answer<T> answer) {
        answersByKind.put(kind, (action, request, timestamp) -> answer.to(action, kind.cast(request), timestamp));
    }
}
