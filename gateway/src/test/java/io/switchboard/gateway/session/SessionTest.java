package io.switchboard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.FrameText;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final RecordingTransport transport = new RecordingTransport();
    private final Session session = new Session(
            ConnectionIds.next(),
            Identity.anonymous(),
            List.of(),
            SessionFixtures.queue(1000, 2),
            transport,
            SessionFixtures.outgoing());

    @Test
    void knowsWhichPayloadEncodingsItsClientAnnouncedByTheirNames() {
        Session announcing = new Session(
                "c-2",
                Identity.anonymous(),
                List.of("zstd", "gzip"),
                SessionFixtures.queue(1000, 2),
                transport,
                SessionFixtures.outgoing());

        assertThat(announcing.acceptEncodings()).containsExactly("zstd", "gzip");
        assertThat(announcing.acceptedEncodings())
                .containsExactlyInAnyOrder(PayloadEncoding.ZSTD, PayloadEncoding.GZIP);
        assertThat(session.acceptedEncodings()).isEmpty();
    }

    @Test
    void holdsASubscribedChannelWithTheEpochOfItsActivationUntilForgotten() {
        session.sendSubscribed(subscribed("metrics", 41, "T:0"), new Position(41, "T:0"));

        assertThat(session.epochOf("metrics")).contains("T:0");
        assertThat(session.epochOf("status")).isEmpty();
        session.forget("metrics");
        assertThat(session.epochOf("metrics")).isEmpty();
    }

    @Test
    void deliversPositionsOfWrittenFramesOfHeldChannelsOnly() {
        Session roomy = new Session(
                "c-1",
                Identity.anonymous(),
                List.of(),
                SessionFixtures.queue(10_000, 100),
                transport,
                SessionFixtures.outgoing());
        roomy.sendSubscribed(subscribed("metrics", 41, "T:0"), new Position(30, "T:0"));
        roomy.sendSubscribed(subscribed("status", 5, "T:1"), new Position(5, "T:1"));
        roomy.send(Frame.text("m").at("metrics", new Position(31, "T:0")));
        roomy.send(Frame.text("s").at("status", new Position(6, "T:1")));
        transport.queue.takeBatch();
        assertThat(roomy.deliveredPositions()).as("nothing written yet").isEmpty();
        roomy.send(Frame.text("m").at("metrics", new Position(32, "T:0")));

        transport.queue.takeBatch();

        assertThat(roomy.deliveredPositions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("metrics", new Position(31, "T:0"), "status", new Position(6, "T:1")));
        roomy.forget("status");
        assertThat(roomy.deliveredPositions()).containsOnlyKeys("metrics");
    }

    @Test
    void startsAChannelsDeliveredPositionWhereItsDeliveryStarts() {
        Session roomy = new Session(
                "c-1",
                Identity.anonymous(),
                List.of(),
                SessionFixtures.queue(10_000, 100),
                transport,
                SessionFixtures.outgoing());
        roomy.sendSubscribed(subscribed("metrics", 41, "T:0"), new Position(30, "T:0"));
        transport.queue.takeBatch();
        transport.queue.takeBatch();

        assertThat(roomy.deliveredPositions()).containsExactlyEntriesOf(Map.of("metrics", new Position(30, "T:0")));
    }

    @Test
    void hasRoomToCatchUpOnlyBelowHalfTheQueuesBounds() {
        session.send(Frame.text("x"));
        assertThat(session.hasRoomToCatchUp()).as("1 of 2 frames").isFalse();

        transport.queue.takeBatch();

        assertThat(session.hasRoomToCatchUp()).isTrue();
    }

    private static ServerMessage.Subscribed subscribed(String channel, long offset, String epoch) {
        return new ServerMessage.Subscribed("s", channel, new Position(offset, epoch), null);
    }

    @Test
    void startsTheWriterOncePerTurnAndHandsItTheQueuedFrames() {
        session.send(new ServerMessage.Pong("1", 5));
        session.send(new ServerMessage.Pong("2", 6));

        assertThat(transport.writerStarts).isEqualTo(1);
        assertThat(transport.queue.takeBatch())
                .extracting(FrameText::of)
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
    void leavesTheRepliesQueuedBeforeACloseForTheTransportToWriteAheadOfIt() {
        Frame reply = Frame.text("{\"type\":\"error\",\"code\":\"rate_limited\"}");
        session.send(Frame.text("in flight"));
        transport.queue.takeBatch();
        session.send(reply);

        session.close(CloseReason.RATE_LIMITED);
        session.send(Frame.text("late"));

        assertThat(transport.closes).containsExactly(CloseReason.RATE_LIMITED);
        assertThat(transport.queue.closeAndTakeRest()).containsExactly(reply);
    }

    @Test
    void dropsFramesAfterClose() {
        session.close(CloseReason.GOING_AWAY);
        session.send(Frame.text("late"));

        assertThat(transport.closes).containsExactly(CloseReason.GOING_AWAY);
        assertThat(transport.writerStarts).isZero();
    }

    @Test
    void closesWith4001OnceTheCredentialsExpiryPlusGraceHasPassed() {
        Session alice = session(new Identity("alice", List.of("viewer")));
        Instant expiresAt = clock.instant().plusSeconds(60);

        alice.watchExpiry(expiresAt, clock, GRACE);
        assertThat(transport.scheduledDelay).isEqualTo(Duration.ofSeconds(90));
        clock.advance(Duration.ofSeconds(89));
        transport.runScheduled();
        assertThat(transport.closes).isEmpty();
        assertThat(transport.scheduledDelay).as("checks again at the deadline").isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        transport.runScheduled();

        assertThat(transport.closes).containsExactly(CloseReason.CREDENTIALS_EXPIRED);
        assertThat(CloseReason.CREDENTIALS_EXPIRED.code()).isEqualTo(4001);
    }

    @Test
    void aRefreshMovesTheDeadlineAndReplacesTheRoles() {
        Session alice = session(new Identity("alice", List.of("viewer")));
        alice.watchExpiry(clock.instant().plusSeconds(60), clock, GRACE);

        clock.advance(Duration.ofSeconds(50));
        alice.refreshCredentials(
                new Identity("alice", List.of("admin")), clock.instant().plusSeconds(3600));
        clock.advance(Duration.ofSeconds(40));
        transport.runScheduled();

        assertThat(transport.closes).isEmpty();
        assertThat(alice.identity().roles()).containsExactly("admin");
        assertThat(alice.credentialsExpireAt()).contains(clock.instant().plusSeconds(3560));
        assertThat(transport.scheduledDelay).isEqualTo(Duration.ofSeconds(3560 + 30));
    }

    @Test
    void aRefreshToAnEarlierExpiryClosesEarlier() {
        Session alice = session(new Identity("alice", List.of()));
        alice.watchExpiry(clock.instant().plusSeconds(3600), clock, GRACE);

        alice.refreshCredentials(
                new Identity("alice", List.of()), clock.instant().plusSeconds(10));

        assertThat(transport.scheduledDelay).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void refusesARefreshForAnotherUser() {
        Session alice = session(new Identity("alice", List.of("viewer")));

        assertThatThrownBy(() -> alice.refreshCredentials(new Identity("bob", List.of("admin")), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.refreshCredentials(Identity.anonymous(), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alice.identity()).isEqualTo(new Identity("alice", List.of("viewer")));
    }

    @Test
    void anAlreadyExpiredTokenClosesAtOnceAndAClosedSessionIsNotWatched() {
        Session alice = session(new Identity("alice", List.of()));
        alice.watchExpiry(clock.instant().minusSeconds(31), clock, GRACE);
        assertThat(transport.closes).containsExactly(CloseReason.CREDENTIALS_EXPIRED);

        Session bob = session(new Identity("bob", List.of()));
        bob.markClosed();
        transport.scheduled = null;
        bob.watchExpiry(clock.instant().plusSeconds(60), clock, GRACE);
        assertThat(transport.scheduled).isNull();
    }

    @Test
    void makesUnguessableConnectionIds() {
        String id = ConnectionIds.next();

        assertThat(id).matches("c-[A-Za-z0-9_-]{16}");
        assertThat(ConnectionIds.next()).isNotEqualTo(id);
    }

    private Session session(Identity identity) {
        return new Session(
                ConnectionIds.next(),
                identity,
                List.of(),
                SessionFixtures.queue(1000, 2),
                transport,
                SessionFixtures.outgoing());
    }

    /** A clock that moves only when told. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
