package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.action;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;

/** Connections that come, subscribe, go and ask who is there, against a {@link TopologyFixture}; and what comes out. */
final class PresenceActions {
    static final List<String> VIEWER = List.of("viewer");

    private final TopologyFixture fixture;
    /** The notices of the family forum_threads, on its output topic. */
    final TestOutputTopic<String, PresenceNotice> forumNotices;

    PresenceActions(TopologyFixture fixture) {
        this.fixture = fixture;
        this.forumNotices = notices("forum_threads");
    }

    TestOutputTopic<String, PresenceNotice> notices(String family) {
        return fixture.driver.createOutputTopic(
                fixture.topics.output(family),
                new StringDeserializer(),
                SwitchboardSerdes.presenceNotice().deserializer());
    }

    void connect(String connectionId, String userId) {
        fixture.send(action(connectionId, userId, roles(userId), null, new Connect(List.of(), null)));
    }

    void subscribe(String connectionId, String userId, String channel) {
        fixture.send(action(connectionId, userId, roles(userId), "s", new Subscribe(channel, null)));
    }

    void unsubscribe(String connectionId, String userId, String channel) {
        fixture.send(action(connectionId, userId, roles(userId), "u", new Unsubscribe(channel)));
    }

    void disconnect(String connectionId, String userId) {
        fixture.send(action(connectionId, userId, roles(userId), null, new Disconnect(1000, List.of())));
    }

    /** Asks for a page of the channel's presence and returns the answer (the only reply expected). */
    Reply ask(String connectionId, String userId, List<String> roles, String channel, String after) {
        fixture.replies.readRecordsToList(); // earlier grants and ends
        ClientAction query = action(connectionId, userId, roles, "p", new PresenceQuery(channel, after));
        fixture.send(query);
        return fixture.replies.readValue();
    }

    Reply ask(String channel, String after) {
        return ask("c-asker", "asker", VIEWER, channel, after);
    }

    private static List<String> roles(String userId) {
        return userId == null ? List.of() : VIEWER;
    }
}
