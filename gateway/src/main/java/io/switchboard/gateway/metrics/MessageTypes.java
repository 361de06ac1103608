package io.switchboard.gateway.metrics;

import io.switchboard.gateway.protocol.ClientMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code type} tag of a client message: its wire name, derived from its record's name ({@code
 * GetReconnectionToken} is {@code get_reconnection_token}), so a message type added to {@link ClientMessage} is
 * counted without a change here.
 */
final class MessageTypes {
    /** The name of each message class, computed once per class. */
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return snakeCase(type.getSimpleName());
        }
    };

    private MessageTypes() {}

    static String of(ClientMessage message) {
        return NAMES.get(message.getClass());
    }

    /** Every client message type, for registering their counters up front. */
    static List<String> clientTypes() {
        List<String> names = new ArrayList<>();
        Class<?>[] permitted = ClientMessage.class.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> type : permitted) {
                names.add(NAMES.get(type));
            }
        }
        return names;
    }

    static String snakeCase(String camelCase) {
        StringBuilder name = new StringBuilder(camelCase.length() + 8);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    name.append('_');
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
