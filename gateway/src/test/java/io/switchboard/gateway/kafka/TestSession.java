package io.switchboard.gateway.kafka;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.FrameText;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.RecordingTransport;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionFixtures;
import io.switchboard.gateway.subscription.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A session without a socket whose frames the test reads back, as the connection's writer would take them. */
final class TestSession {
    final OutboundQueue queue;
    final RecordingTransport transport = new RecordingTransport();
    final Session session;
    private final List<String> read = new ArrayList<>();

    TestSession(String id, int maxFrames) {
        this(id, maxFrames, List.of());
    }

    /** A session whose client announced {@code acceptEncodings} ({@code gzip}, ...). */
    TestSession(String id, int maxFrames, List<String> acceptEncodings) {
        queue = SessionFixtures.queue(1 << 20, maxFrames);
        session = new Session(id, Identity.anonymous(), acceptEncodings, queue, transport, SessionFixtures.outgoing());
    }

    /** Sends the subscribed frame of an activation, as the reply router does. */
    Consumer<Activation> subscribedFrames(String channel) {
        return activation -> session.sendSubscribed(
                new ServerMessage.Subscribed(null, channel, activation.position(), activation.recovered()),
                activation.startsAfter());
    }

    /** Takes everything queued, as the writer does, and returns those frames as they are (text or binary). */
    List<Frame> takeFrames() {
        return queue.takeBatch();
    }

    /** Takes everything queued, as the writer does, and returns every frame taken so far as text. */
    List<String> frames() {
        queue.takeBatch().stream().map(FrameText::of).forEach(read::add);
        return List.copyOf(read);
    }
}
