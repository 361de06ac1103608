package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.schemas.ReceiptCodec;
import io.switchboard.schemas.avro.Receipt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery receipts across a processor killed with SIGKILL while acks stream in: the killed one has answered some acks
 * in transactions it never committed, its replacement answers them again from the committed state, and routes every
 * event again (the first never committed its events position), so each message has a second copy at a later offset. A domain service reading {@code switchboard.receipts} read_committed
 * still sees exactly one receipt per event, also for acks the client sent twice.
 */
class ReceiptsCrashIT {
    private static final int BEFORE_KILL = 150;
    private static final int AFTER_KILL = 100;
    private static final int SENTINEL = BEFORE_KILL + AFTER_KILL;
    private static final String INBOX = "user:alice";
    /** Every message acked, twice: more acks at once than the default rate limit of "other" messages allows. */
    private static final Map<String, String> ACKS_UNLIMITED = Map.of("gateway.limits.messages.other.burst", "0");

    @TempDir
    Path dir;

    @Test
    void answersEachEventOnceAcrossAProcessorKill() throws Exception {
        try (CrashableProcessor processor = CrashableProcessor.start(dir, "receipts")) {
            String bootstrap = processor.bootstrapServers();
            try (SwitchboardGateway gateway =
                            SwitchboardGateway.start(SwitchboardCluster.gatewayConfig(bootstrap, ACKS_UNLIMITED));
                    TestClient alice = TestClient.connect(gateway.port(), SwitchboardCluster.token("alice", "viewer"));
                    KafkaProducer<String, String> producer = processor.producer()) {
                produce(producer, 0, BEFORE_KILL);
                List<JsonNode> received = await().atMost(Duration.ofSeconds(60))
                        .until(() -> alice.messages(INBOX), messages -> messages.size() >= BEFORE_KILL);
                received.forEach(
                        message -> alice.ack(INBOX, message.path("offset").asLong()));
                processor.kill(); // while those acks are being answered
                received.forEach(
                        message -> alice.ack(INBOX, message.path("offset").asLong())); // sent again

                processor.startReplacement();
                produce(producer, BEFORE_KILL, BEFORE_KILL + AFTER_KILL);
                List<JsonNode> all = await().atMost(Duration.ofSeconds(120))
                        .until(() -> alice.messages(INBOX), m -> m.size() >= BEFORE_KILL + AFTER_KILL);
                alice.ack(INBOX, all.get(all.size() - 1).path("offset").asLong());
                // a sentinel behind every ack above in alice's partitions: once it is answered, they all were
                produce(producer, SENTINEL, SENTINEL + 1);
                JsonNode last = alice.awaitFrame(f -> f.path("data").path("seq").asInt() == SENTINEL);
                alice.ack(INBOX, last.path("offset").asLong());

                Map<String, Long> receipts = awaitReceipts(bootstrap, "r-" + SENTINEL);
                assertThat(receipts).hasSize(BEFORE_KILL + AFTER_KILL + 1);
                assertThat(receipts.values()).as("receipts per event").containsOnly(1L);
            }
        }
    }

    /** Reads switchboard.receipts read_committed until the receipt of {@code lastEventId}; receipts per event id. */
    private static Map<String, Long> awaitReceipts(String bootstrap, String lastEventId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("switchboard.receipts").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Receipt> seen = new ArrayList<>();
            Function<List<Receipt>, Map<String, Long>> perEvent = receipts ->
                    receipts.stream().collect(Collectors.groupingBy(Receipt::getEventId, Collectors.counting()));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(ReceiptCodec.decode(r.value())));
                return perEvent.apply(seen).containsKey(lastEventId);
            });
            // and to the end of every partition: receipts are keyed by event id, spread over the partitions
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(ReceiptCodec.decode(r.value())));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return perEvent.apply(seen);
        }
    }

    private static void produce(KafkaProducer<String, String> producer, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            producer.send(new ProducerRecord<>(
                    "switchboard.events",
                    INBOX,
                    "{\"id\":\"r-" + seq + "\",\"channel\":\"" + INBOX + "\",\"receipts\":true,\"data\":{\"seq\":" + seq
                            + "}}"));
        }
        producer.flush();
    }
}
