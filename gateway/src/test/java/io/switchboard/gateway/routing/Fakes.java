package io.switchboard.gateway.routing;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.auth.TokenRejectedException;
import io.switchboard.gateway.auth.TokenVerifier;
import io.switchboard.gateway.auth.VerifiedToken;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.FrameText;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.RecordingTransport;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionFixtures;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.gateway.subscription.SubscriptionControl;
import io.switchboard.schemas.avro.ClientAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** In-memory stand-ins for the gateway's own seams (not for Kafka or sockets), for routing tests. */
final class Fakes {
    private Fakes() {}

    /** A session whose frames can be read back; its blocking tasks run at once. */
    static final class FakeSession {
        final OutboundQueue queue = SessionFixtures.queue(1 << 20, 1000);
        final RecordingTransport transport = new RecordingTransport();
        final Session session;
        private final List<String> read = new ArrayList<>();

        /** An anonymous session. */
        FakeSession() {
            this(Identity.anonymous());
        }

        FakeSession(Identity identity) {
            session = new Session("c-test", identity, List.of("gzip"), queue, transport, SessionFixtures.outgoing());
        }

        List<CloseReason> closes() {
            return transport.closes;
        }

        /** Every text frame sent so far, in order. */
        List<String> frames() {
            queue.takeBatch().stream().map(FrameText::of).forEach(read::add);
            return List.copyOf(read);
        }
    }

    /** A verifier that knows exactly these tokens and refuses every other. */
    static TokenVerifier verifier(Map<String, VerifiedToken> tokens) {
        return token -> {
            VerifiedToken verified = tokens.get(token);
            if (verified == null) {
                throw new TokenRejectedException("unknown test token");
            }
            return verified;
        };
    }

    /** Records forwarded actions; fails them on demand. */
    static final class RecordingSink implements ActionSink {
        final List<ClientAction> actions = new ArrayList<>();
        /** The explicit key of each action, null where the sink chooses it. */
        final List<String> keys = new ArrayList<>();

        boolean failing;

        @Override
        public void forward(ClientAction action, Runnable onFailure) {
            forward(null, action, onFailure);
        }

        @Override
        public void forward(String key, ClientAction action, Runnable onFailure) {
            actions.add(action);
            keys.add(key);
            if (failing) {
                onFailure.run();
            }
        }
    }

    /** A timer whose tasks run only when a test says so. */
    static final class ManualTimer implements PendingResumes.Timer {
        final List<Runnable> tasks = new ArrayList<>();
        final List<java.time.Duration> delays = new ArrayList<>();
        int cancelled;

        @Override
        public Runnable schedule(java.time.Duration delay, Runnable task) {
            delays.add(delay);
            tasks.add(task);
            return () -> cancelled++;
        }

        /** Runs every task scheduled so far, as if their delays had passed. */
        void fire() {
            List.copyOf(tasks).forEach(Runnable::run);
        }
    }

    /**
     * Applies subscription changes at once and records them. An activation is live at {@link #grantPosition}; with a
     * since it is recovered, starting after that since.
     */
    static final class RecordingSubscriptions implements SubscriptionControl {
        final List<String> calls = new ArrayList<>();
        Position grantPosition = new Position(41, "T:0");
        String failure;

        @Override
        public void activate(
                Session session,
                String channel,
                Position since,
                Consumer<Activation> onActive,
                Consumer<String> onFailure) {
            calls.add("activate " + channel + (since == null ? "" : " since " + since.offset() + "@" + since.epoch()));
            if (failure != null) {
                onFailure.accept(failure);
            } else if (since == null) {
                onActive.accept(Activation.live(grantPosition, null));
            } else {
                onActive.accept(new Activation(grantPosition, Boolean.TRUE, since));
            }
        }

        @Override
        public void deactivate(Session session, String channel, Runnable then) {
            calls.add("deactivate " + channel);
            if (then != null) {
                then.run();
            }
        }

        @Override
        public void removeSession(Session session) {
            calls.add("remove " + session.id());
        }
    }
}
