package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence on a real broker, exactly-once, read back read_committed as gateways read: users whose actions land in
 * different actions partitions meet in one channel's presence; notices are in the channel's partition of its output
 * topic; a processor restarted on the same state counts nobody twice.
 */
class PresenceIT {
    @RegisterExtension
    static final ProcessorOnBroker PROCESSOR =
            new ProcessorOnBroker(Map.of("processor.presence.families", "forum_threads"));

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String THREAD = "forum_threads:it";

    @Test
    void usersOfDifferentActionsPartitionsMeetInTheChannelAndARestartCountsNobodyTwice() {
        // two users whose actions are in different partitions of switchboard.actions
        List<String> users = List.of("alice", "bob", "carol", "dave").stream()
                .filter(user -> ChannelName.partition(user, PROCESSOR.config().partitions())
                        != ChannelName.partition("alice", PROCESSOR.config().partitions()))
                .findFirst()
                .map(other -> List.of("alice", other))
                .orElseThrow();
        String other = users.get(1);
        try (TopicReader<PresenceNotice> notices = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().output("forum_threads"),
                        SwitchboardSerdes.presenceNotice().deserializer());
                TopicReader<Reply> replies = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().replies(),
                        SwitchboardSerdes.reply().deserializer())) {
            PROCESSOR.send(action("c-1", "alice", "s1", new Subscribe(THREAD, null)));
            PROCESSOR.send(action("c-2", "alice", "s2", new Subscribe(THREAD, null)));
            PROCESSOR.send(action("c-3", other, "s3", new Subscribe(THREAD, null)));

            List<ConsumerRecord<String, PresenceNotice>> joins =
                    await().atMost(PATIENCE).until(notices::poll, records -> records.size() == 2);
            assertThat(joins).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(THREAD);
                assertThat(record.partition())
                        .isEqualTo(
                                ChannelName.partition(THREAD, PROCESSOR.config().partitions()));
                assertThat(PresenceHeader.of(record.headers())).contains(PresenceKind.JOIN);
                assertThat(SourceHeader.of(record.headers())).isEmpty();
            });
            assertThat(joins)
                    .extracting(record -> record.value().getUserId())
                    .containsExactlyInAnyOrder("alice", other);

            PROCESSOR.restart();

            PROCESSOR.send(action("c-1", "alice", "s4", new Subscribe(THREAD, null)));
            // asked by alice: after her re-subscribe in her actions partition, so a second count would show
            PROCESSOR.send(action("c-1", "alice", "q", new PresenceQuery(THREAD, null)));
            ConsumerRecord<String, Reply> answer = await().atMost(PATIENCE)
                    .until(
                            () -> replies.poll().stream()
                                    .filter(r -> "q".equals(r.value().getRequestId()))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            assertThat(answer.value().getBody())
                    .isEqualTo(new PresenceAnswer(
                            THREAD, List.of(new PresenceMember("alice", 2), new PresenceMember(other, 1)), 2, 0, null));

            PROCESSOR.send(action("c-3", other, null, new Disconnect(1001, List.of())));
            List<ConsumerRecord<String, PresenceNotice>> all =
                    await().atMost(PATIENCE).until(notices::poll, records -> records.size() >= 3);
            assertThat(all)
                    .extracting(record -> record.value().getKind())
                    .containsExactly(PresenceKind.JOIN, PresenceKind.JOIN, PresenceKind.LEAVE);
            assertThat(all.get(2).value().getUserId()).isEqualTo(other);
        }
    }

    private static ClientAction action(String connectionId, String userId, String requestId, Object body) {
        return ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId("gw-it")
                .setUserId(userId)
                .setRoles(List.of("viewer"))
                .setTime(Instant.now())
                .setRequestId(requestId)
                .setAction(body)
                .build();
    }
}
