package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.gateway.subscription.ChannelIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The delivery thread's side of activation and hand-over, without Kafka: live positions are set by the test. */
class ActivationsTest {
    private static final String CHANNEL = "metrics";
    private static final TopicPartition PARTITION = new TopicPartition("out.metrics", 0);

    private final FakeLive live = new FakeLive();
    private final ChannelIndex<Session> index = new ChannelIndex<>();
    private final RecordingRecoveries recoveries = new RecordingRecoveries();
    private final Activations activations =
            new Activations(live, index, recoveries, new LiveSources(), GatewayMetrics.noop());
    private final TestSession alice = new TestSession("c-alice", 100);
    private final TestSession bob = new TestSession("c-bob", 100);
    private final List<Activation> activated = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    ActivationsTest() {
        live.position = 42;
    }

    @Test
    void joinsTheLiveStreamAtOnceWithoutSince() {
        activate(alice, null);

        assertThat(activated).containsExactly(Activation.live(new Position(41, "T:0"), null));
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
        assertThat(recoveries.started).isEmpty();
    }

    @Test
    void answersNotRecoveredAndLiveOnlyForAnotherEpoch() {
        activate(alice, new Position(3, "OLD:0"));

        assertThat(activated).containsExactly(Activation.live(new Position(41, "T:0"), false));
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
    }

    @Test
    void answersRecoveredWithNothingToReplayWhenSinceIsTheLastLiveOffset() {
        activate(alice, new Position(41, "T:0"));

        assertThat(activated).containsExactly(Activation.live(new Position(41, "T:0"), true));
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
        assertThat(recoveries.started).isEmpty();
    }

    @Test
    void startsARecoveryAndKeepsTheSessionOutOfTheLiveStreamUntilTheHandOver() {
        activate(alice, new Position(10, "T:0"));

        RecoveryJob job = recoveries.onlyJob();
        assertThat(job.since()).isEqualTo(new Position(10, "T:0"));
        assertThat(job.partition()).isEqualTo(PARTITION);
        assertThat(index.subscribers(CHANNEL)).isEmpty();
        assertThat(activated)
                .as("the job says subscribed once it knows since can be honoured")
                .isEmpty();
        assertThat(live.assigned).containsExactly("metrics");
    }

    @Test
    void handsOverOnlyAtTheLivePositionItWasAskedFor() {
        activate(alice, new Position(10, "T:0"));
        RecoveryJob job = recoveries.onlyJob();
        live.position = 45;

        activations.activateAt(job, 42);

        assertThat(recoveries.answers).containsExactly(45L);
        assertThat(index.subscribers(CHANNEL)).isEmpty();
        activations.activateAt(job, 45);
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
        assertThat(job.isOver()).isTrue();
    }

    @Test
    void readsAnInboxWithAnEmptyEpochWhateverTheCurrentOne() {
        activate(alice, new Position(-1, ""));

        assertThat(recoveries.onlyJob().since()).isEqualTo(new Position(-1, ""));
    }

    @Test
    void keepsTheFamilyAssignedWhileARecoveryIsPending() {
        activate(bob, null);
        activate(alice, new Position(10, "T:0"));
        RecoveryJob job = recoveries.onlyJob();

        activations.deactivate(bob.session, CHANNEL);

        assertThat(live.assigned).containsExactly("metrics");
        activations.activateAt(job, 42);
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
        activations.deactivate(alice.session, CHANNEL);
        assertThat(live.assigned).isEmpty();
    }

    @Test
    void cancelsARecoveryOnDeactivateAndReleasesItsFamily() {
        activate(alice, new Position(10, "T:0"));
        RecoveryJob job = recoveries.onlyJob();

        activations.deactivate(alice.session, CHANNEL);

        assertThat(job.isOver()).isTrue();
        assertThat(live.assigned).isEmpty();
        activations.activateAt(job, 42);
        assertThat(index.subscribers(CHANNEL))
                .as("a late hand-over of a cancelled job")
                .isEmpty();
    }

    @Test
    void cancelsTheRecoveriesOfAClosedSession() {
        activate(alice, new Position(10, "T:0"));
        RecoveryJob job = recoveries.onlyJob();

        activations.removeSession(alice.session);

        assertThat(job.isOver()).isTrue();
        assertThat(live.assigned).isEmpty();
    }

    @Test
    void goesLiveSayingNotRecoveredWhenTheRecoveryCannotHonourSince() {
        activate(alice, new Position(10, "T:0"));
        live.position = 50;

        activations.activateNow(recoveries.onlyJob());

        assertThat(activated).containsExactly(Activation.live(new Position(49, "T:0"), false));
        assertThat(index.subscribers(CHANNEL)).containsExactly(alice.session);
    }

    @Test
    void letsANewGrantReplaceARecoveryInProgressAndAnActiveSubscription() {
        activate(alice, null);
        activate(alice, new Position(10, "T:0"));
        RecoveryJob first = recoveries.onlyJob();
        assertThat(index.subscribers(CHANNEL)).as("recovers again from since").isEmpty();

        activate(alice, new Position(20, "T:0"));

        assertThat(first.isOver()).isTrue();
        assertThat(recoveries.started).hasSize(2);
        activations.deactivate(alice.session, CHANNEL);
        assertThat(live.assigned).as("one hold per session and channel").isEmpty();
    }

    @Test
    void closesTheConnectionWhenTheLivePositionCannotBeRead() {
        activate(alice, new Position(10, "T:0"));
        live.failing = true;

        activations.activateAt(recoveries.onlyJob(), 42);

        assertThat(alice.transport.closes).containsExactly(CloseReason.INTERNAL_ERROR);
        assertThat(live.assigned).isEmpty();
    }

    @Test
    void reportsAnUnreadableChannelAndKeepsNothingAssigned() {
        live.missing.add("nope");

        activations.activate(alice.session, "nope", new Position(1, "T:0"), activated::add, failures::add);

        assertThat(failures).containsExactly("channel family 'nope' has no output topic");
        assertThat(live.assigned).isEmpty();
    }

    private void activate(TestSession session, Position since) {
        activations.activate(session.session, CHANNEL, since, activated::add, failures::add);
    }

    /** One-partition topics with epoch {@code T:0}; the live position is whatever the test sets. */
    private static final class FakeLive implements LiveTopics {
        final Set<String> assigned = new HashSet<>();
        final Set<String> missing = new HashSet<>();
        final Map<String, FamilyTopic> topics = new HashMap<>();
        long position;
        boolean failing;

        @Override
        public FamilyTopic acquire(String family) {
            if (missing.contains(family)) {
                throw new IllegalStateException("channel family '" + family + "' has no output topic");
            }
            assigned.add(family);
            return topics.computeIfAbsent(family, f -> FamilyTopic.of(f, "out." + f, "T", 1));
        }

        @Override
        public void release(String family) {
            assigned.remove(family);
        }

        @Override
        public long position(TopicPartition partition) {
            if (failing) {
                throw new IllegalStateException("no position");
            }
            return position;
        }
    }

    private static final class RecordingRecoveries implements Recoveries {
        final List<RecoveryJob> started = new ArrayList<>();
        final List<Long> answers = new ArrayList<>();

        @Override
        public void start(RecoveryJob job) {
            started.add(job);
        }

        @Override
        public void livePosition(RecoveryJob job, long position) {
            answers.add(position);
        }

        RecoveryJob onlyJob() {
            assertThat(started).hasSize(1);
            return started.get(0);
        }
    }
}
