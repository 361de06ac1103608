package io.switchboard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final Session session = new Session(
            ConnectionIds.next(),
            Identity.anonymous(),
            List.of(),
            new OutboundQueue(1000, 2),
            transport,
            new ServerMessageEncoder());

    @Test
    void startsTheWriterOncePerTurnAndHandsItTheQueuedFrames() {
        session.send(new ServerMessage.Pong("1", 5));
        session.send(new ServerMessage.Pong("2", 6));

        assertThat(transport.writerStarts).isEqualTo(1);
        assertThat(transport.queue.takeBatch())
                .extracting(Frame::asText)
                .containsExactly(
                        "{\"type\":\"pong\",\"id\":\"1\",\"server_time\":5}",
                        "{\"type\":\"pong\",\"id\":\"2\",\"server_time\":6}");
    }

    @Test
    void closesASlowConsumerWith4009Once() {
        Frame frame = Frame.text("x");
        session.send(frame);
        transport.queue.takeBatch(); // in flight, never completes
        for (int i = 0; i < 10; i++) {
            session.send(frame);
        }

        assertThat(transport.closes).containsExactly(CloseReason.SLOW_CONSUMER);
        assertThat(CloseReason.SLOW_CONSUMER.code()).isEqualTo(4009);
    }

    @Test
    void dropsFramesAfterClose() {
        session.close(CloseReason.GOING_AWAY);
        session.send(Frame.text("late"));

        assertThat(transport.closes).containsExactly(CloseReason.GOING_AWAY);
        assertThat(transport.writerStarts).isZero();
    }

    @Test
    void makesUnguessableConnectionIds() {
        String id = ConnectionIds.next();

        assertThat(id).matches("c-[A-Za-z0-9_-]{16}");
        assertThat(ConnectionIds.next()).isNotEqualTo(id);
    }
}
