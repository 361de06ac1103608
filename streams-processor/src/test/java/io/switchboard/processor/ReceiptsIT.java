package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.ReceiptCodec;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Receipts on a real broker, exactly-once, read back read_committed as a domain service reads them: a user's ack
 * answers a personal message once; after a restart on the same state and one on state restored from the changelogs,
 * the same acks and the same event again answer nothing more.
 */
class ReceiptsIT {
    @RegisterExtension
    static final ProcessorOnBroker PROCESSOR = new ProcessorOnBroker();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String INBOX = "user:alice";
    private static final String FIRST = "{\"id\":\"e-it\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}";

    @Test
    void answersAnAckOnceAcrossRestartsWithTheSameAcksAndTheSameEventAgain() {
        try (TopicReader<byte[]> inbox = new TopicReader<>(
                        PROCESSOR.bootstrapServers(), PROCESSOR.topics().output("user"), new ByteArrayDeserializer());
                TopicReader<byte[]> receipts = new TopicReader<>(
                        PROCESSOR.bootstrapServers(), PROCESSOR.topics().receipts(), new ByteArrayDeserializer())) {
            PROCESSOR.send(action(new Connect(List.of(), null)));
            long offset = deliver(inbox, FIRST, "e-it");
            PROCESSOR.send(action(new Ack(INBOX, offset, null)));
            await().atMost(PATIENCE).until(() -> receiptsOf(receipts, "e-it").size() == 1);

            PROCESSOR.restart(); // the same state
            replay(inbox, offset);

            PROCESSOR.restartFromChangelogs();
            replay(inbox, offset);

            // A sentinel behind the replays in alice's actions partition: once it is answered, they were too.
            long sentinel =
                    deliver(inbox, "{\"id\":\"e-last\",\"channel\":\"user:alice\",\"receipts\":true}", "e-last");
            PROCESSOR.send(action(new Ack(INBOX, sentinel, null)));
            await().atMost(PATIENCE).until(() -> receiptsOf(receipts, "e-last").size() == 1);

            List<Receipt> answered = everyReceipt().stream()
                    .filter(receipt -> receipt.getEventId().equals("e-it"))
                    .toList();
            assertThat(answered).singleElement().satisfies(receipt -> {
                assertThat(receipt.getUserId()).isEqualTo("alice");
                assertThat(receipt.getChannel()).isEqualTo(INBOX);
                assertThat(receipt.getOffset()).isEqualTo(offset);
            });
        }
    }

    /** The same ack again, an older one, and the same event again (a new copy at a later offset) with an ack past it. */
    private void replay(TopicReader<byte[]> inbox, long offset) {
        PROCESSOR.send(action(new Ack(INBOX, offset, null)));
        PROCESSOR.send(action(new Ack(INBOX, offset - 1, null)));
        long copy = deliver(inbox, FIRST, "e-it");
        PROCESSOR.send(action(new Ack(INBOX, copy, null)));
    }

    /** Produces an event and waits for its newest delivery to alice; its offset in switchboard.out.user. */
    private long deliver(TopicReader<byte[]> inbox, String json, String eventId) {
        int before = copies(inbox.poll(), eventId);
        PROCESSOR.send(PROCESSOR.topics().events(), INBOX, json.getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> all =
                await().atMost(PATIENCE).until(inbox::poll, records -> copies(records, eventId) > before);
        return all.stream()
                .filter(r -> eventId.equals(
                        SwitchboardSerdes.delivery().decode(r.value()).getEventId()))
                .mapToLong(ConsumerRecord::offset)
                .max()
                .orElseThrow();
    }

    private static int copies(List<ConsumerRecord<String, byte[]>> records, String eventId) {
        return (int) records.stream()
                .filter(r -> eventId.equals(
                        SwitchboardSerdes.delivery().decode(r.value()).getEventId()))
                .count();
    }

    private static List<Receipt> receiptsOf(TopicReader<byte[]> receipts, String eventId) {
        return receipts.poll().stream()
                .filter(r -> eventId.equals(r.key()))
                .map(r -> ReceiptCodec.decode(r.value()))
                .toList();
    }

    /** Every receipt committed so far, to the end of every partition (they are spread by event id). */
    private static List<Receipt> everyReceipt() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PROCESSOR.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(PROCESSOR.topics().receipts())
                    .stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Receipt> all = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(ReceiptCodec.decode(r.value())));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return all;
        }
    }

    private static ClientAction action(Object body) {
        return ClientAction.newBuilder()
                .setConnectionId("c-1")
                .setGatewayId("gw-it")
                .setUserId("alice")
                .setRoles(List.of("viewer"))
                .setTime(Instant.now())
                .setAction(body)
                .build();
    }
}
