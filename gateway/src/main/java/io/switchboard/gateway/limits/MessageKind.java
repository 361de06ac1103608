package io.switchboard.gateway.limits;

import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.gateway.protocol.ClientMessage;
import java.util.Locale;

/** The kinds of client message that have buckets of their own; everything else shares {@link #OTHER}. */
public enum MessageKind {
    PING,
    SUBSCRIBE,
    UNSUBSCRIBE,
    GET_RECONNECTION_TOKEN,
    /** publish (text or binary), ack, refresh, and a frame that could not be read. */
    OTHER;

    private final String limitName = name().toLowerCase(Locale.ROOT);

    /** The {@code limit} tag of the rate-limit meter: the name in lower case, e.g. {@code get_reconnection_token}. */
    public String limitName() {
        return limitName;
    }

    /** The kind of a decoded client message; a type without a bucket of its own counts as {@link #OTHER}. */
    public static MessageKind of(ClientMessage message) {
        if (message instanceof ClientMessage.Ping) {
            return PING;
        } else if (message instanceof ClientMessage.Subscribe) {
            return SUBSCRIBE;
        } else if (message instanceof ClientMessage.Unsubscribe) {
            return UNSUBSCRIBE;
        } else if (message instanceof ClientMessage.GetReconnectionToken) {
            return GET_RECONNECTION_TOKEN;
        }
        return OTHER;
    }

    LimitsConfig.Rate rate(LimitsConfig.MessageRates rates) {
        return switch (this) {
            case PING -> rates.ping();
            case SUBSCRIBE -> rates.subscribe();
            case UNSUBSCRIBE -> rates.unsubscribe();
            case GET_RECONNECTION_TOKEN -> rates.getReconnectionToken();
            case OTHER -> rates.other();
        };
    }
}
