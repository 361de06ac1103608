package io.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.routing.Fakes.ManualTimer;
import io.switchboard.gateway.routing.Fakes.RecordingSink;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.Resumed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingResumesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String HASH = "a".repeat(64);

    private final RecordingSink sink = new RecordingSink();
    private final ManualTimer timer = new ManualTimer();
    private final List<ResumeOutcome> outcomes = new ArrayList<>();

    private PendingResumes resumes(boolean anonymousAllowed) {
        return new PendingResumes(
                new ProcessorOutbox(new ClientActions("gw-1", CLOCK), sink),
                timer,
                Duration.ofSeconds(10),
                anonymousAllowed,
                CLOCK,
                SKEW);
    }

    @Test
    void sendsAResumeKeyedByTheTokenHashForTheChosenConnection() {
        resumes(false).start("c-new", HASH, outcomes::add);

        ClientAction action = sink.actions.get(0);
        assertThat(sink.keys).containsExactly(HASH);
        assertThat(action.getAction()).isEqualTo(new Resume(HASH));
        assertThat(action.getConnectionId()).isEqualTo("c-new");
        assertThat(action.getGatewayId()).isEqualTo("gw-1");
        assertThat(action.getUserId()).isNull();
        assertThat(timer.delays).containsExactly(Duration.ofSeconds(10));
        assertThat(outcomes).isEmpty();
    }

    @Test
    void restoresTheSessionTheProcessorResumedAsItsUserWithItsChannelsInOrderAndTheirPresence() {
        PendingResumes resumes = resumes(false);
        resumes.start("c-new", HASH, outcomes::add);
        Instant expires = CLOCK.instant().plusSeconds(600);

        boolean routed = resumes.complete(reply(
                "c-new",
                new Resumed(
                        "alice",
                        List.of("admin"),
                        expires,
                        List.of(
                                new ChannelPosition("forum_threads:42", 7L, "T:1", true),
                                new ChannelPosition("user:alice", 3L, "U:0", false)))));

        assertThat(routed).isTrue();
        assertThat(outcomes)
                .containsExactly(new ResumeOutcome.Restored(
                        "c-new",
                        new Identity("alice", List.of("admin")),
                        Optional.of(expires),
                        List.of(
                                new ResumeOutcome.Channel("forum_threads:42", new Position(7, "T:1"), true),
                                new ResumeOutcome.Channel("user:alice", new Position(3, "U:0"), false))));
        assertThat(timer.cancelled).isEqualTo(1);
        assertThat(resumes.size()).isZero();
    }

    @Test
    void refusesWith401WhenTheProcessorSaysTheTokenIsInvalid() {
        PendingResumes resumes = resumes(true);
        resumes.start("c-new", HASH, outcomes::add);

        resumes.complete(reply("c-new", new Refused("", "token_invalid", "unknown, expired or already used")));

        assertThat(outcomes).containsExactly(new ResumeOutcome.Refused(401, "invalid reconnection token"));
    }

    @Test
    void refusesWith503WhenNoAnswerComesInTimeAndIgnoresALateOne() {
        PendingResumes resumes = resumes(true);
        resumes.start("c-new", HASH, outcomes::add);

        timer.fire();
        boolean routed = resumes.complete(reply("c-new", new Resumed("alice", List.of(), null, List.of())));

        assertThat(outcomes)
                .containsExactly(new ResumeOutcome.Refused(503, "the session could not be resumed in time"));
        assertThat(routed).as("the late reply is for no waiting resume").isFalse();
        assertThat(resumes.size()).isZero();
    }

    @Test
    void refusesWith503WhenTheResumeCannotBeWrittenAndLetsTheTimeoutFindNothing() {
        sink.failing = true;
        PendingResumes resumes = resumes(true);

        resumes.start("c-new", HASH, outcomes::add);
        timer.fire();

        assertThat(outcomes).containsExactly(new ResumeOutcome.Refused(503, "the session cannot be resumed now"));
    }

    @Test
    void resumesAnAnonymousSessionOnlyWhereAnonymousAccessIsAllowed() {
        Resumed anonymous = new Resumed(null, List.of("anonymous"), null, List.of());
        PendingResumes open = resumes(true);
        open.start("c-1", HASH, outcomes::add);
        open.complete(reply("c-1", anonymous));
        PendingResumes closed = resumes(false);
        closed.start("c-2", HASH, outcomes::add);
        closed.complete(reply("c-2", anonymous));

        assertThat(outcomes)
                .containsExactly(
                        new ResumeOutcome.Restored("c-1", Identity.anonymous(), Optional.empty(), List.of()),
                        new ResumeOutcome.Refused(401, "credentials required"));
    }

    @Test
    void refusesASessionWhoseCredentialsExpiredBeyondTheSkew() {
        PendingResumes resumes = resumes(false);
        resumes.start("c-1", HASH, outcomes::add);
        resumes.start("c-2", HASH, outcomes::add);

        resumes.complete(
                reply("c-1", new Resumed("alice", List.of(), CLOCK.instant().minusSeconds(31), List.of())));
        resumes.complete(
                reply("c-2", new Resumed("alice", List.of(), CLOCK.instant().minusSeconds(29), List.of())));

        assertThat(outcomes.get(0)).isEqualTo(new ResumeOutcome.Refused(401, "invalid or expired token"));
        assertThat(outcomes.get(1)).isInstanceOf(ResumeOutcome.Restored.class);
    }

    @Test
    void leavesRepliesForOtherConnectionsToTheSessions() {
        PendingResumes resumes = resumes(false);
        resumes.start("c-new", HASH, outcomes::add);

        assertThat(resumes.complete(reply("c-other", new Granted("metrics", null))))
                .isFalse();
        assertThat(outcomes).isEmpty();
        assertThat(resumes.size()).isEqualTo(1);
    }

    @Test
    void refusesASecondResumeForTheSameConnectionId() {
        PendingResumes resumes = resumes(false);
        resumes.start("c-new", HASH, outcomes::add);

        assertThatThrownBy(() -> resumes.start("c-new", HASH, outcomes::add)).isInstanceOf(IllegalStateException.class);
    }

    private static Reply reply(String connectionId, Object body) {
        return new Reply(connectionId, null, CLOCK.instant(), body);
    }
}
