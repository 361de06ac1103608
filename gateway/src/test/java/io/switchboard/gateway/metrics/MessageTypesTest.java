package io.switchboard.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTypesTest {

    @Test
    void namesEachClientMessageTypeAsOnTheWire() {
        assertThat(MessageTypes.clientTypes())
                .contains("subscribe", "unsubscribe", "publish", "ping", "get_reconnection_token", "ack", "refresh");
    }

    @Test
    void writesRecordNamesInSnakeCase() {
        assertThat(MessageTypes.snakeCase("GetReconnectionToken")).isEqualTo("get_reconnection_token");
        assertThat(MessageTypes.snakeCase("Ping")).isEqualTo("ping");
    }
}
