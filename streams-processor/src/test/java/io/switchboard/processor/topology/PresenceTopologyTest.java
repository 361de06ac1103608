package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static io.switchboard.processor.topology.TopologyFixture.RECHECK_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceNotice;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Join and leave: a user's first connection on a presence-enabled channel joins, its last one leaves, whatever ends
 * it; the notice goes to the channel's output topic keyed by the channel, marked by its header.
 */
class PresenceTopologyTest {
    private static final String THREAD = "forum_threads:42";

    private final TopologyFixture fixture = new TopologyFixture();
    private final PresenceActions presence = new PresenceActions(fixture);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theFirstTabJoinsAndTheSecondOrARepeatedSubscribeDoesNot() {
        presence.connect("c-1", "alice");
        presence.connect("c-2", "alice");

        presence.subscribe("c-1", "alice", THREAD);

        TestRecord<String, PresenceNotice> join = presence.forumNotices.readRecord();
        assertThat(join.key()).isEqualTo(THREAD);
        assertThat(join.value()).isEqualTo(new PresenceNotice(THREAD, "alice", PresenceKind.JOIN, ACTION_TIME));
        assertThat(PresenceHeader.of(join.headers())).contains(PresenceKind.JOIN);
        assertThat(SourceHeader.of(join.headers())).isEmpty();
        assertThat(join.headers().toArray()).hasSize(1);

        presence.subscribe("c-2", "alice", THREAD);
        presence.subscribe("c-1", "alice", THREAD);

        assertThat(presence.forumNotices.isEmpty()).isTrue();
        assertThat(members(presence.ask(THREAD, null))).containsExactly(new PresenceMember("alice", 2));
        assertThat(fixture.counter("presence", "joined")).isEqualTo(1.0);
        assertThat(fixture.counter("presence", "answered")).isEqualTo(1.0);
    }

    @Test
    void theLastTabLeavesAndAnUnsubscribeOfAChannelNeverGrantedChangesNothing() {
        presence.subscribe("c-1", "alice", THREAD);
        presence.subscribe("c-2", "alice", THREAD);
        presence.forumNotices.readRecordsToList();

        presence.unsubscribe("c-3", "alice", THREAD);
        presence.unsubscribe("c-1", "alice", THREAD);
        presence.unsubscribe("c-1", "alice", THREAD);
        assertThat(presence.forumNotices.isEmpty()).isTrue();
        assertThat(members(presence.ask(THREAD, null))).containsExactly(new PresenceMember("alice", 1));

        presence.unsubscribe("c-2", "alice", THREAD);

        TestRecord<String, PresenceNotice> leave = presence.forumNotices.readRecord();
        assertThat(leave.value()).isEqualTo(new PresenceNotice(THREAD, "alice", PresenceKind.LEAVE, ACTION_TIME));
        assertThat(PresenceHeader.of(leave.headers())).contains(PresenceKind.LEAVE);
        assertThat(presence.forumNotices.isEmpty()).isTrue();
        assertThat(fixture.counter("presence", "left")).isEqualTo(1.0);
        assertThat(answer(presence.ask(THREAD, null))).isEqualTo(new PresenceAnswer(THREAD, List.of(), 0, 0, null));
    }

    @Test
    void aDisconnectLeavesEveryPresenceChannelTheConnectionHeldAndNoOther() {
        presence.connect("c-1", "alice");
        presence.subscribe("c-1", "alice", "forum_threads:1");
        presence.subscribe("c-1", "alice", "forum_threads:2");
        presence.subscribe("c-1", "alice", "metrics");
        presence.subscribe("c-2", "bob", "forum_threads:1");
        assertThat(presence.forumNotices.readValuesToList())
                .extracting(PresenceNotice::getKind)
                .containsExactly(PresenceKind.JOIN, PresenceKind.JOIN, PresenceKind.JOIN);

        presence.disconnect("c-1", "alice");

        assertThat(presence.forumNotices.readValuesToList())
                .containsExactly(
                        new PresenceNotice("forum_threads:1", "alice", PresenceKind.LEAVE, ACTION_TIME),
                        new PresenceNotice("forum_threads:2", "alice", PresenceKind.LEAVE, ACTION_TIME));
        assertThat(presence.notices("metrics").isEmpty()).isTrue();
        assertThat(members(presence.ask("forum_threads:1", null))).containsExactly(new PresenceMember("bob", 1));
    }

    @Test
    void aRevokedChannelIsLeftLikeAnUnsubscribedOne() {
        presence.subscribe("c-1", "alice", THREAD);
        presence.forumNotices.readRecordsToList();
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL); // the first look always re-checks

        fixture.acl.pipeInput("forum_threads:*", new AclRule(Map.of("admin", List.of(Permission.SUBSCRIBE)), NOW, "t"));
        fixture.driver.advanceWallClockTime(RECHECK_INTERVAL);

        assertThat(presence.forumNotices.readValuesToList())
                .extracting(PresenceNotice::getKind)
                .containsExactly(PresenceKind.LEAVE);
    }

    @Test
    void anonymousConnectionsAreCountedButNeverNamed() {
        fixture.acl.pipeInput(
                "forum_threads:*",
                new AclRule(
                        Map.of("anonymous", List.of(Permission.SUBSCRIBE), "user", List.of(Permission.SUBSCRIBE)),
                        NOW,
                        "t"));
        presence.subscribe("c-a", null, THREAD);
        presence.subscribe("c-b", null, THREAD);
        presence.subscribe("c-b", null, THREAD);
        presence.subscribe("c-1", "alice", THREAD);

        assertThat(presence.forumNotices.readValuesToList())
                .extracting(PresenceNotice::getUserId)
                .containsExactly("alice");
        assertThat(answer(presence.ask(THREAD, null)))
                .isEqualTo(new PresenceAnswer(THREAD, List.of(new PresenceMember("alice", 1)), 1, 2, null));

        presence.disconnect("c-a", null);
        presence.disconnect("c-b", null);

        assertThat(presence.forumNotices.isEmpty()).isTrue();
        assertThat(answer(presence.ask(THREAD, null)).getAnonymous()).isZero();
    }

    static PresenceAnswer answer(io.switchboard.schemas.avro.Reply reply) {
        assertThat(reply.getBody()).isInstanceOf(PresenceAnswer.class);
        return (PresenceAnswer) reply.getBody();
    }

    static List<PresenceMember> members(io.switchboard.schemas.avro.Reply reply) {
        return answer(reply).getMembers();
    }
}
