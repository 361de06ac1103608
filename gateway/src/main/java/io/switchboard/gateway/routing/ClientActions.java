package io.switchboard.gateway.routing;

import io.switchboard.gateway.protocol.ClientMessage;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the {@link ClientAction} records a gateway writes for its sessions. */
public final class ClientActions {
    private final String gatewayId;
    private final Clock clock;

    public ClientActions(String gatewayId, Clock clock) {
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    ClientAction connect(Session session) {
        return action(session, null, new Connect(session.acceptEncodings(), null));
    }

    /** The Connect of a resumed connection: its personal channel continues after {@code personalSince}. */
    ClientAction connect(Session session, Position personalSince) {
        return action(session, null, new Connect(session.acceptEncodings(), position(personalSince)));
    }

    /**
     * A closed connection, with the last position written to its socket in each channel it held (and whether it
     * wanted the channel's presence).
     */
    ClientAction disconnect(Session session, int closeCode) {
        return action(session, null, new Disconnect(closeCode, delivered(session)));
    }

    /**
     * A subscribe the gateway makes itself, without a request id: a restored channel, continued after since. Presence
     * is no part of it: the processor counts every holder, and the wish for joins and leaves stays on the session.
     */
    ClientAction resubscribe(Session session, String channel, Position since) {
        return action(session, null, new Subscribe(channel, position(since)));
    }

    /** {@code get_reconnection_token}: the token will restore the channels at the positions delivered so far. */
    ClientAction issueReconnectionToken(Session session, String requestId) {
        Instant credentialsExpireAt = session.credentialsExpireAt().orElse(null);
        return action(session, requestId, new IssueReconnectionToken(delivered(session), credentialsExpireAt));
    }

    /** A new connection, not open yet and of no user yet, presents the reconnection token with this hash. */
    ClientAction resume(String connectionId, String tokenHash) {
        return ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId(gatewayId)
                .setUserId(null)
                .setRoles(List.of())
                .setTime(clock.instant())
                .setRequestId(null)
                .setAction(new Resume(tokenHash))
                .build();
    }

    ClientAction subscribe(Session session, ClientMessage.Subscribe message) {
        io.switchboard.schemas.avro.Position since =
                message.since().map(ClientActions::position).orElse(null);
        return action(session, message.id(), new Subscribe(message.channel(), since));
    }

    ClientAction unsubscribe(Session session, ClientMessage.Unsubscribe message) {
        return action(session, message.id(), new Unsubscribe(message.channel()));
    }

    ClientAction publish(Session session, ClientMessage.Publish message) {
        Payload payload = new Payload(
                PayloadKind.JSON,
                "application/json",
                PayloadEncoding.NONE,
                ByteBuffer.wrap(message.dataJson().getBytes(StandardCharsets.UTF_8)));
        return action(
                session,
                message.id(),
                new Publish(message.channel(), message.event().orElse(null), payload, message.receipts()));
    }

    /** A binary publish: the payload's kind, content type, encoding and bytes exactly as the client sent them. */
    ClientAction publish(Session session, ClientMessage.BinaryPublish message) {
        Payload payload = new Payload(message.kind(), message.contentType(), message.encoding(), message.data());
        return action(
                session,
                message.id(),
                new Publish(message.channel(), message.event().orElse(null), payload, message.receipts()));
    }

    /** {@code presence}: one page of the channel's members, after {@code after} when the client gave it. */
    ClientAction presence(Session session, ClientMessage.Presence message) {
        return action(
                session,
                message.id(),
                new PresenceQuery(message.channel(), message.after().orElse(null)));
    }

    /** A delivery confirmation, with the epoch of the channel's activation on the session (null if not held). */
    ClientAction ack(Session session, ClientMessage.Ack message) {
        String epoch = session.epochOf(message.channel()).orElse(null);
        return action(session, message.id(), new Ack(message.channel(), message.offset(), epoch));
    }

    /** The session's credentials were refreshed; the action carries its new roles. */
    ClientAction credentialsRefreshed(Session session, String requestId, Instant expiresAt) {
        return action(session, requestId, new CredentialsRefreshed(expiresAt));
    }

    private ClientAction action(Session session, String requestId, Object body) {
        return ClientAction.newBuilder()
                .setConnectionId(session.id())
                .setGatewayId(gatewayId)
                .setUserId(session.identity().userId())
                .setRoles(session.identity().roles())
                .setTime(clock.instant())
                .setRequestId(requestId)
                .setAction(body)
                .build();
    }

    private static io.switchboard.schemas.avro.Position position(Position position) {
        return position == null ? null : new io.switchboard.schemas.avro.Position(position.offset(), position.epoch());
    }

    /**
     * The session's delivered positions, by channel name so the action does not depend on a map's order, each with
     * whether the client asked for the channel's joins and leaves: a resume restores that wish too.
     */
    private static List<ChannelPosition> delivered(Session session) {
        return session.deliveredPositions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new ChannelPosition(
                        entry.getKey(),
                        entry.getValue().offset(),
                        entry.getValue().epoch(),
                        session.wantsPresence(entry.getKey())))
                .toList();
    }
}
