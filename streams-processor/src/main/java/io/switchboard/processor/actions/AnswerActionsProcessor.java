package io.switchboard.processor.actions;

import io.switchboard.processor.acl.AclPolicy;
import io.switchboard.processor.compression.CompressOnce;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.processor.sessions.SessionSnapshots;
import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.processor.users.RoleDirectory;
import io.switchboard.processor.users.RolesSeenAtConnect;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.IssuedToken;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the policy on client actions from {@code switchboard.actions}, keeps the live connections with their
 * granted channels in {@code connections-store} and each user's delivery cursors in {@code cursors-store}. Replies
 * are keyed by the gateway that holds the connection, so that gateway alone reads them from {@code
 * switchboard.replies}.
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
 *       CursorLedger#supersedes}) and writes the new cursor to {@code switchboard.cursors}; an ack of an
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
 * </ul>
 */
public final class AnswerActionsProcessor implements Processor<String, ClientAction, String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerActionsProcessor.class);
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
            String usersChild) {}

    private final Wiring wiring;
    private final Set<String> configuredFamilies;
    private final Duration recheckInterval;
    private final Duration gatewaysCheckInterval;
    private final Supplier<String> eventIds;
    private final TokenIssuer tokens;
    private final CompressionSettings compression;
    private ProcessorContext<String, Object> context;
    private ActionAnswers answers;
    private ConnectionLedger connections;
    private CursorLedger cursors;
    private AclChangeWatch aclChanges;
    private GatewayLeases leases;
    private RolesSeenAtConnect rolesSeen;
    private ProcessorMetrics.Counter refused;
    private ProcessorMetrics.Counter revoked;
    private ProcessorMetrics.Counter ignoredAcks;
    private ProcessorMetrics.Counter rolesWritten;
    private ProcessorMetrics.Counter purged;
    private CompressOnce compressOnce;

    /**
     * @param configuredFamilies the families of {@code processor.families}
     * @param recheckInterval how often to look for a changed ACL (wall-clock time)
     * @param gatewaysCheckInterval how often to look for gateways whose lease expired (wall-clock time)
     * @param eventIds a fresh unique id for each published message
     * @param tokens issues the reconnection tokens
     */
    public AnswerActionsProcessor(
            Wiring wiring,
            Set<String> configuredFamilies,
            Duration recheckInterval,
            Duration gatewaysCheckInterval,
            Supplier<String> eventIds,
            TokenIssuer tokens,
            CompressionSettings compression) {
        this.wiring = wiring;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.recheckInterval = recheckInterval;
        this.gatewaysCheckInterval = gatewaysCheckInterval;
        this.eventIds = eventIds;
        this.tokens = tokens;
        this.compression = compression;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, AclRule> acl = context.getStateStore(wiring.aclStore());
        AclPolicy policy = new AclPolicy(acl::get, configuredFamilies, ChannelName.PERSONAL_FAMILY);
        this.answers = new ActionAnswers(policy, ChannelName.PERSONAL_FAMILY);
        KeyValueStore<String, ConnectionState> store = context.getStateStore(wiring.connectionsStore());
        this.connections = new ConnectionLedger(store);
        KeyValueStore<String, Cursor> cursorStore = context.getStateStore(wiring.cursorsStore());
        this.cursors = new CursorLedger(cursorStore);
        this.aclChanges = new AclChangeWatch(acl);
        ReadOnlyKeyValueStore<String, byte[]> users = context.getStateStore(wiring.usersStore());
        this.rolesSeen = new RolesSeenAtConnect(new RoleDirectory(users));
        this.leases = new GatewayLeases(context.getStateStore(wiring.gatewaysStore()));
        this.refused = ProcessorMetrics.counter(context.metrics(), "actions", "refused");
        this.revoked = ProcessorMetrics.counter(context.metrics(), "subscriptions", "revoked");
        this.ignoredAcks = ProcessorMetrics.counter(context.metrics(), "acks", "ignored");
        this.rolesWritten = ProcessorMetrics.counter(context.metrics(), "users", "written-at-connect");
        this.purged = ProcessorMetrics.counter(context.metrics(), "connections", "purged");
        this.compressOnce = CompressOnce.of(compression, context.metrics());
        context.schedule(recheckInterval, PunctuationType.WALL_CLOCK_TIME, this::recheckIfAclChanged);
        context.schedule(gatewaysCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeDeadGateways);
    }

    @Override
    public void process(Record<String, ClientAction> record) {
        ClientAction action = record.value();
        if (action == null) {
            return; // a tombstone carries no action
        }
        Object request = action.getAction();
        if (request instanceof Connect connect) {
            connect(record, action, connect);
        } else if (request instanceof Disconnect disconnect) {
            end(action.getConnectionId(), disconnect, action.getTime(), record.timestamp());
        } else if (request instanceof Subscribe subscribe) {
            subscribe(record, action, subscribe);
        } else if (request instanceof Unsubscribe unsubscribe) {
            connections.release(action.getConnectionId(), List.of(unsubscribe.getChannel()));
            reply(record, action, new Ended(unsubscribe.getChannel(), ActionAnswers.ENDED_BY_CLIENT));
        } else if (request instanceof Publish publish) {
            publish(record, action, publish);
        } else if (request instanceof CredentialsRefreshed) {
            recordRoles(record, action);
            ConnectionState state = connections.refreshRoles(action);
            revoke(action.getConnectionId(), state, answers.revoked(state), action.getTime(), record.timestamp());
        } else if (request instanceof Ack ack) {
            ack(record, action, ack);
        } else if (request instanceof IssueReconnectionToken issue) {
            issueToken(record, action, issue);
        }
    }

    private void connect(Record<String, ClientAction> record, ClientAction action, Connect connect) {
        Optional<String> personal = answers.personalChannel(action);
        connections.open(action, personal.stream().toList());
        recordRoles(record, action);
        // Not an answer to a client message: the server subscribes every connection to its own channel unasked.
        personal.ifPresent(channel -> {
            // A resumed session continues where the old connection was; a new one where the user acknowledged.
            Position since = connect.getPersonalSince() != null
                    ? connect.getPersonalSince()
                    : cursors.resumeFrom(action.getUserId(), channel);
            Granted granted = new Granted(channel, since);
            Reply reply = ActionAnswers.reply(action.getConnectionId(), null, action.getTime(), granted);
            send(action.getGatewayId(), reply, record.timestamp());
        });
    }

    // Keyed by user id, like every writer of switchboard.users, so that the latest record of a user is its entry.
    private void recordRoles(Record<String, ClientAction> record, ClientAction action) {
        rolesSeen
                .entryToWrite(action.getUserId(), action.getRoles(), action.getTime())
                .ifPresent(entry -> {
                    context.forward(
                            new Record<String, Object>(action.getUserId(), entry, record.timestamp()),
                            wiring.usersChild());
                    rolesWritten.increment();
                });
    }

    // Each unexpired token of the closed connection now restores the positions at disconnect; if one was used in the
    // meantime, keep-sessions keeps it used. Returns whether the store knew the connection.
    private boolean end(String connectionId, Disconnect disconnect, Instant time, long timestamp) {
        Optional<ConnectionState> closed = connections.close(connectionId);
        closed.ifPresent(state -> {
            for (IssuedToken token : ConnectionLedger.unexpired(state.getTokens(), time)) {
                SessionSnapshot snapshot = SessionSnapshots.of(state, disconnect.getDelivered(), token);
                sendSession(token.getTokenHash(), snapshot, timestamp);
            }
        });
        return closed.isPresent();
    }

    // A crashed gateway never sends its connections' Disconnects: they are forgotten here. Their tokens' sessions stay
    // as issued, with the positions the gateway reported then: a dead gateway reports nothing newer, and a resume from
    // an earlier position only sends some messages again (positions make that visible), where no position would lose
    // the channels.
    private void purgeDeadGateways(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        Map<String, Instant> expired = leases.expiredBefore(now);
        if (expired.isEmpty()) {
            return;
        }
        connections.heldBy(expired.keySet()).forEach((gatewayId, connectionIds) -> {
            LOG.warn(
                    "gateway-presumed-dead: {}, lease expired at {}, ending {} connections",
                    gatewayId,
                    expired.get(gatewayId),
                    connectionIds.size());
            for (String connectionId : connectionIds) {
                if (connections.close(connectionId).isPresent()) {
                    purged.increment();
                }
            }
        });
    }

    private void subscribe(Record<String, ClientAction> record, ClientAction action, Subscribe subscribe) {
        Object answer = answers.subscribe(action, subscribe);
        if (answer instanceof Granted granted) {
            connections.grant(action, subscribe.getChannel());
            answer = fromCursorWhenPersonal(action, granted);
        }
        reply(record, action, answer);
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

    private void ack(Record<String, ClientAction> record, ClientAction action, Ack ack) {
        // The user as the connection was granted the channel, not as the ack claims: no cursor for anonymous ones.
        Optional<String> user = connections.authenticatedHolder(action.getConnectionId(), ack.getChannel());
        if (user.isEmpty()) {
            ignoredAcks.increment();
            return;
        }
        cursors.advance(user.get(), ack, action.getTime())
                .ifPresent(cursor -> context.forward(
                        new Record<String, Object>(
                                CursorLedger.key(cursor.getUserId(), cursor.getChannel()), cursor, record.timestamp()),
                        wiring.cursorsChild()));
    }

    // The snapshot goes to switchboard.sessions keyed by the token's hash, so it lands in the partition (and the
    // task) that the token's Resume, keyed the same way, will reach. Only the reply carries the token itself.
    private void issueToken(Record<String, ClientAction> record, ClientAction action, IssueReconnectionToken issue) {
        ConnectionState state = connections.stateOf(action);
        TokenIssuer.Issued issued = tokens.issue(state, issue, action.getTime());
        connections.remember(action, state, issued.token());
        sendSession(issued.token().getTokenHash(), issued.snapshot(), record.timestamp());
        reply(record, action, issued.reply());
    }

    private void sendSession(String tokenHash, SessionSnapshot snapshot, long timestamp) {
        context.forward(new Record<String, Object>(tokenHash, snapshot, timestamp), wiring.sessionsChild());
    }

    private void publish(Record<String, ClientAction> record, ClientAction action, Publish publish) {
        Optional<Refused> refusal = answers.publishRefusal(action, publish);
        if (refusal.isPresent()) {
            reply(record, action, refusal.get());
            return;
        }
        Delivery delivery = ActionAnswers.delivery(action, publish, eventIds.get());
        String family = ChannelName.parse(publish.getChannel()).family();
        delivery.setPayload(compressOnce.apply(family, delivery.getPayload()));
        // Stamped with the action's time, which the published reply then carries like every other reply.
        context.forward(
                new Record<String, Object>(
                        publish.getChannel(), delivery, action.getTime().toEpochMilli(), PublishHeaders.of(action)),
                wiring.publishesChild());
    }

    private void recheckIfAclChanged(long wallClockMs) {
        if (!aclChanges.changed()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (ConnectionLedger.Revoked found : connections.findRevoked(answers::revoked)) {
            revoke(found.connectionId(), found.state(), found.channels(), now, wallClockMs);
        }
    }

    private void revoke(String connectionId, ConnectionState state, List<String> channels, Instant time, long ts) {
        if (channels.isEmpty()) {
            return;
        }
        connections.release(connectionId, channels);
        for (String channel : channels) {
            Ended ended = new Ended(channel, ActionAnswers.PERMISSION_REVOKED);
            send(state.getGatewayId(), ActionAnswers.reply(connectionId, null, time, ended), ts);
            revoked.increment();
        }
    }

    private void reply(Record<String, ClientAction> record, ClientAction action, Object body) {
        if (body instanceof Refused) {
            refused.increment();
        }
        Reply reply = ActionAnswers.reply(action.getConnectionId(), action.getRequestId(), action.getTime(), body);
        send(action.getGatewayId(), reply, record.timestamp());
    }

    private void send(String gatewayId, Reply reply, long timestamp) {
        context.forward(new Record<String, Object>(gatewayId, reply, timestamp), wiring.repliesChild());
    }
}
