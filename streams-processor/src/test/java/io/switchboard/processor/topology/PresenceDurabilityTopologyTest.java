package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.PresenceTopologyTest.answer;
import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.GATEWAYS_CHECK_INTERVAL;
import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceChange;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence outlives what may happen to the processes around it: a gateway presumed dead leaves its users and only
 * them, a processor restarted on the same stores counts nobody twice, and a change that arrives twice (a replay after
 * a crash) counts once.
 */
class PresenceDurabilityTopologyTest {
    private static final String THREAD = "forum_threads:9";
    private static final String DEAD = "gw-dead";
    private static final String LIVE = "gw-live";

    private final List<TopologyFixture> fixtures = new ArrayList<>();

    @AfterEach
    void close() {
        fixtures.forEach(TopologyFixture::close);
    }

    @Test
    void aDeadGatewaysUsersLeaveAndTheOthersStay() {
        TopologyFixture fixture = fixture();
        PresenceActions presence = new PresenceActions(fixture);
        subscribeOn(fixture, DEAD, "c-1", "alice");
        subscribeOn(fixture, LIVE, "c-2", "alice");
        subscribeOn(fixture, DEAD, "c-3", "bob");
        subscribeOn(fixture, LIVE, "c-4", "carol");
        presence.forumNotices.readRecordsToList();
        fixture.lease(DEAD, NOW.plusSeconds(1));
        fixture.lease(LIVE, NOW.plusSeconds(2).plusMillis(1), NOW.plus(Duration.ofHours(1)));

        fixture.driver.advanceWallClockTime(GATEWAYS_CHECK_INTERVAL);

        assertThat(presence.forumNotices.readValuesToList())
                .extracting(PresenceNotice::getUserId, PresenceNotice::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", PresenceKind.LEAVE));
        assertThat(answer(presence.ask(THREAD, null)).getMembers())
                .containsExactly(new PresenceMember("alice", 1), new PresenceMember("carol", 1));
    }

    @Test
    void aProcessorRestartedOnTheSameStoresCountsNobodyTwice() {
        TopologyFixture before = fixture();
        PresenceActions presenceBefore = new PresenceActions(before);
        presenceBefore.subscribe("c-1", "alice", THREAD);
        presenceBefore.subscribe("c-2", "bob", THREAD);
        presenceBefore.forumNotices.readRecordsToList();

        // A new processor: nothing in memory, the stores restored from their changelogs.
        TopologyFixture after = fixture();
        copy(before.connections(), after.connections());
        copy(
                before.driver.getKeyValueStore(SwitchboardTopology.PRESENCE_STORE),
                after.driver.getKeyValueStore(SwitchboardTopology.PRESENCE_STORE));
        copy(
                before.driver.getKeyValueStore(SwitchboardTopology.PRESENCE_COUNTS_STORE),
                after.driver.getKeyValueStore(SwitchboardTopology.PRESENCE_COUNTS_STORE));
        PresenceActions presenceAfter = new PresenceActions(after);

        presenceAfter.subscribe("c-1", "alice", THREAD);
        presenceAfter.subscribe("c-3", "alice", THREAD);

        assertThat(presenceAfter.forumNotices.isEmpty()).isTrue();
        assertThat(answer(presenceAfter.ask(THREAD, null)))
                .isEqualTo(new PresenceAnswer(
                        THREAD, List.of(new PresenceMember("alice", 2), new PresenceMember("bob", 1)), 2, 0, null));

        presenceAfter.disconnect("c-1", "alice");
        presenceAfter.disconnect("c-3", "alice");

        assertThat(presenceAfter.forumNotices.readValuesToList())
                .containsExactly(new PresenceNotice(THREAD, "alice", PresenceKind.LEAVE, ACTION_TIME));
    }

    @Test
    void aChangeThatArrivesTwiceCountsOnce() {
        TopologyFixture fixture = fixture();
        PresenceActions presence = new PresenceActions(fixture);
        TestInputTopic<String, PresenceCommand> commands = fixture.driver.createInputTopic(
                fixture.topics.presence(),
                new StringSerializer(),
                SwitchboardSerdes.presenceCommand().serializer());
        PresenceCommand held = new PresenceCommand(THREAD, ACTION_TIME, new PresenceChange("c-1", "alice", true));
        PresenceCommand released = new PresenceCommand(THREAD, ACTION_TIME, new PresenceChange("c-1", "alice", false));

        commands.pipeInput(THREAD, held);
        commands.pipeInput(THREAD, held);
        assertThat(answer(presence.ask(THREAD, null)).getMembers()).containsExactly(new PresenceMember("alice", 1));
        commands.pipeInput(THREAD, released);
        commands.pipeInput(THREAD, released);

        assertThat(presence.forumNotices.readValuesToList())
                .extracting(PresenceNotice::getKind)
                .containsExactly(PresenceKind.JOIN, PresenceKind.LEAVE);
        assertThat(answer(presence.ask(THREAD, null)).getCount()).isZero();
    }

    private TopologyFixture fixture() {
        TopologyFixture fixture = new TopologyFixture();
        fixtures.add(fixture);
        return fixture;
    }

    private static void subscribeOn(TopologyFixture fixture, String gatewayId, String connectionId, String userId) {
        fixture.send(on(
                gatewayId, action(connectionId, userId, PresenceActions.VIEWER, null, new Connect(List.of(), null))));
        fixture.send(
                on(gatewayId, action(connectionId, userId, PresenceActions.VIEWER, "s", new Subscribe(THREAD, null))));
    }

    private static ClientAction on(String gatewayId, ClientAction action) {
        return ClientAction.newBuilder(action).setGatewayId(gatewayId).build();
    }

    private static <V> void copy(KeyValueStore<String, V> from, KeyValueStore<String, V> to) {
        try (KeyValueIterator<String, V> entries = from.all()) {
            while (entries.hasNext()) {
                KeyValue<String, V> entry = entries.next();
                to.put(entry.key, entry.value);
            }
        }
    }
}
