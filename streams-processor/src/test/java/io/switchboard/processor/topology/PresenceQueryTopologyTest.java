package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.PresenceTopologyTest.answer;
import static io.switchboard.processor.topology.TopologyFixture.GATEWAY;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The presence query: answered to the asking connection on the replies topic, at most 1,000 members a page in
 * user-id order with {@code next} while more remain; refused where a subscribe would be, for a family without
 * presence, and for an {@code after} that is no user id.
 */
class PresenceQueryTopologyTest {
    private static final String THREAD = "forum_threads:7";

    private final TopologyFixture fixture = new TopologyFixture();
    private final PresenceActions presence = new PresenceActions(fixture);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void pagesReturnEachOf2500MembersExactlyOnceInUserIdOrder() {
        List<String> users = IntStream.range(0, 2_500)
                .mapToObj(i -> "u" + Integer.toString(i * 7919 % 2_500, 36))
                .toList();
        for (String user : users) {
            presence.subscribe("c-" + user, user, THREAD);
        }
        presence.subscribe("c-second-tab", users.get(0), THREAD);

        List<PresenceMember> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            PresenceAnswer page = answer(presence.ask(THREAD, after));
            assertThat(page.getCount()).isEqualTo(2_500);
            seen.addAll(page.getMembers());
            pageSizes.add(page.getMembers().size());
            after = page.getNext();
            if (after != null) {
                assertThat(after)
                        .isEqualTo(page.getMembers()
                                .get(page.getMembers().size() - 1)
                                .getUserId());
            }
        } while (after != null);

        assertThat(pageSizes).containsExactly(1_000, 1_000, 500);
        assertThat(seen)
                .extracting(PresenceMember::getUserId)
                .containsExactlyElementsOf(users.stream().sorted().toList());
        assertThat(seen)
                .filteredOn(member -> member.getConnections() == 2)
                .extracting(PresenceMember::getUserId)
                .containsExactly(users.get(0));
    }

    @Test
    void answersTheAskingConnectionOnItsGatewayWithItsRequestId() {
        presence.subscribe("c-1", "alice", THREAD);
        fixture.replies.readRecordsToList();

        fixture.send(action("c-asker", "asker", PresenceActions.VIEWER, "q-9", new PresenceQuery(THREAD, null)));

        TestRecord<String, Reply> record = fixture.replies.readRecord();
        assertThat(record.key()).isEqualTo(GATEWAY);
        assertThat(record.value().getConnectionId()).isEqualTo("c-asker");
        assertThat(record.value().getRequestId()).isEqualTo("q-9");
        assertThat(record.value().getTime()).isEqualTo(TopologyFixture.ACTION_TIME);
        assertThat(record.value().getBody())
                .isEqualTo(new PresenceAnswer(THREAD, List.of(new PresenceMember("alice", 1)), 1, 0, null));
    }

    @Test
    void aPageAfterTheLastMemberIsEmptyButStillCounts() {
        presence.subscribe("c-1", "alice", THREAD);
        presence.subscribe("c-2", "bob", THREAD);

        assertThat(answer(presence.ask(THREAD, "alice")).getMembers()).containsExactly(new PresenceMember("bob", 1));
        assertThat(answer(presence.ask(THREAD, "bob"))).isEqualTo(new PresenceAnswer(THREAD, List.of(), 2, 0, null));
    }

    @Test
    void refusesWithPermissionDeniedWhereASubscribeWouldBeRefused() {
        // book_requests has presence, but only admins may subscribe to it; anonymous may not see forum threads
        Refused viewer = refused(presence.ask("book_requests", null));
        Refused anonymous = refused(presence.ask("c-anon", null, List.of(), THREAD, null));

        assertThat(viewer.getCode()).isEqualTo("permission_denied");
        assertThat(anonymous.getCode()).isEqualTo("permission_denied");
    }

    @Test
    void answersBadRequestForAFamilyWithoutPresence() {
        Refused refused = refused(presence.ask("metrics", null));

        assertThat(refused.getCode()).isEqualTo("bad_request");
        assertThat(refused.getMessage()).contains("presence", "metrics");
    }

    @Test
    void answersBadRequestForAnAfterThatIsNoUserId() {
        Refused empty = refused(presence.ask(THREAD, ""));
        Refused spaced = refused(presence.ask(THREAD, "not a user"));

        assertThat(empty.getCode()).isEqualTo("bad_request");
        assertThat(spaced.getCode()).isEqualTo("bad_request");
        assertThat(spaced.getMessage()).contains("after");
    }

    private static Refused refused(Reply reply) {
        assertThat(reply.getBody()).isInstanceOf(Refused.class);
        return (Refused) reply.getBody();
    }
}
