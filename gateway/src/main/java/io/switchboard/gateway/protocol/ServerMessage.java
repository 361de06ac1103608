package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A reply or notice from the gateway, encoded by {@link ServerMessageEncoder}. Field names are written in
 * snake_case; null fields are left out unless stated otherwise. {@code message} frames are not here: they are
 * built once per gateway by {@link DeliveryFrameEncoder}.
 */
public sealed interface ServerMessage
        permits ServerMessage.Welcome,
                ServerMessage.Subscribed,
                ServerMessage.Unsubscribed,
                ServerMessage.Published,
                ServerMessage.Pong,
                ServerMessage.Refreshed,
                ServerMessage.ReconnectionToken,
                ServerMessage.PresencePage,
                ServerMessage.PresenceChange,
                ServerMessage.Receipt,
                ErrorReply {

    /** The frame's {@code type}. */
    @JsonProperty("type")
    String type();

    /** The first frame of every connection; {@code user_id} is written even when null (anonymous). */
    @JsonPropertyOrder({"type", "connection_id", "user_id", "roles", "heartbeat_ms", "resumed"})
    record Welcome(
            String connectionId,
            @JsonInclude(JsonInclude.Include.ALWAYS) String userId,
            List<String> roles,
            long heartbeatMs,
            boolean resumed)
            implements ServerMessage {
        @Override
        public String type() {
            return "welcome";
        }
    }

    /** The channel is delivered from {@code position} on; {@code recovered} only when the subscribe had since. */
    @JsonPropertyOrder({"type", "id", "channel", "position", "recovered"})
    record Subscribed(String id, String channel, Position position, Boolean recovered) implements ServerMessage {
        @Override
        public String type() {
            return "subscribed";
        }
    }

    /** The channel is no longer delivered; reason is client, permission_revoked or channel_closed. */
    @JsonPropertyOrder({"type", "id", "channel", "reason"})
    record Unsubscribed(String id, String channel, String reason) implements ServerMessage {
        @Override
        public String type() {
            return "unsubscribed";
        }
    }

    /**
     * A publish is durably in the channel's stream at {@code offset}, as the message {@code event_id} (the id its
     * receipts name; left out when a processor before receipts answered).
     */
    @JsonPropertyOrder({"type", "id", "channel", "offset", "event_id"})
    record Published(String id, String channel, long offset, String eventId) implements ServerMessage {
        @Override
        public String type() {
            return "published";
        }
    }

    @JsonPropertyOrder({"type", "id", "server_time"})
    record Pong(String id, long serverTime) implements ServerMessage {
        @Override
        public String type() {
            return "pong";
        }
    }

    /** A {@code refresh} was accepted: the connection's credentials now expire at {@code expires_at} (epoch ms). */
    @JsonPropertyOrder({"type", "id", "expires_at"})
    record Refreshed(String id, long expiresAt) implements ServerMessage {
        @Override
        public String type() {
            return "refreshed";
        }
    }

    /**
     * A one-time reconnection token for {@code resume=} on any gateway, valid until {@code expires_at} (epoch ms).
     * The frame holds a secret: it is never logged.
     */
    @JsonPropertyOrder({"type", "id", "token", "expires_at"})
    record ReconnectionToken(String id, String token, long expiresAt) implements ServerMessage {
        @Override
        public String type() {
            return "reconnection_token";
        }

        @Override
        public String toString() {
            return "ReconnectionToken[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * One page of the answer to a {@code presence} frame: at most 1,000 members in user-id order, {@code count} users
     * on the whole channel, {@code anonymous} connections (left out when there are none), and {@code next} (the last
     * member's user id) when more pages follow.
     */
    @JsonPropertyOrder({"type", "id", "channel", "members", "count", "anonymous", "next"})
    record PresencePage(String id, String channel, List<Member> members, int count, Integer anonymous, String next)
            implements ServerMessage {
        /** A user on the channel and how many of its connections hold it. */
        @JsonPropertyOrder({"user_id", "connections"})
        public record Member(String userId, int connections) {}

        @Override
        public String type() {
            return "presence";
        }
    }

    /**
     * A {@code join} (a user's first connection on the channel subscribed) or {@code leave} (its last one went), sent
     * to the channel's local subscribers that asked for presence; {@code ts} is when it happened, epoch ms.
     */
    @JsonPropertyOrder({"type", "channel", "user_id", "ts"})
    record PresenceChange(String type, String channel, String userId, long ts) implements ServerMessage {
        public static final String JOIN = "join";
        public static final String LEAVE = "leave";

        public PresenceChange {
            if (!JOIN.equals(type) && !LEAVE.equals(type)) {
                throw new IllegalArgumentException("a presence change is a join or a leave, not " + type);
            }
        }
    }

    /**
     * A user acknowledged a message this connection's user published with {@code receipts} (docs/protocol.md, "Delivery
     * receipts"), at {@code acked_at} (epoch ms). Sent on the publisher's personal channel.
     */
    @JsonPropertyOrder({"type", "event_id", "user_id", "acked_at"})
    record Receipt(String eventId, String userId, long ackedAt) implements ServerMessage {
        @Override
        public String type() {
            return "receipt";
        }
    }
}
