package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.LeaseConfig;
import io.switchboard.gateway.config.OperationsConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.GatewayLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway keeps a lease on the compacted gateways topic: written before it accepts connections, renewed every
 * interval, withdrawn with a tombstone when it stops gracefully.
 */
@Timeout(120)
class GatewayLeaseIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void writesItsLeaseBeforeItAcceptsConnectionsAndATombstoneWhenItStops() throws Exception {
        Topics topics = new Topics("lease-start");
        LeaseConfig lease = new LeaseConfig(Duration.ofHours(1), Duration.ofHours(2)); // no renewal within the test
        try (ProcessorStandIn processor = new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics");
                Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()));
                LeaseLog leases = new LeaseLog(admin, topics.gateways())) {
            SwitchboardGateway gateway = SwitchboardGateway.start(config(topics, lease));
            String id = gateway.gatewayId();
            try (gateway) {
                assertThat(endOffset(admin, topics.gateways()))
                        .as("written and acknowledged before start returned")
                        .isEqualTo(1);
                GatewayLease first = leases.records(id, 1).get(0).value();
                assertThat(Duration.between(first.getRenewedAt(), first.getExpiresAt()))
                        .isEqualTo(Duration.ofHours(2));
            }

            List<ConsumerRecord<String, GatewayLease>> records = leases.records(id, 2);
            assertThat(records).hasSize(2);
            assertThat(records.get(1).value())
                    .as("a tombstone: stopped gracefully")
                    .isNull();
        }
    }

    @Test
    void renewsItsLeaseEveryIntervalEachValidForTheTtlFromItsRenewal() throws Exception {
        Topics topics = new Topics("lease-renewal");
        LeaseConfig lease = new LeaseConfig(Duration.ofMillis(200), Duration.ofMillis(1000));
        try (ProcessorStandIn processor = new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics");
                Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()));
                LeaseLog leases = new LeaseLog(admin, topics.gateways());
                SwitchboardGateway gateway = SwitchboardGateway.start(config(topics, lease))) {
            List<ConsumerRecord<String, GatewayLease>> records = leases.records(gateway.gatewayId(), 3);

            for (int i = 0; i < 3; i++) {
                GatewayLease renewal = records.get(i).value();
                assertThat(Duration.between(renewal.getRenewedAt(), renewal.getExpiresAt()))
                        .isEqualTo(Duration.ofSeconds(1));
                if (i > 0) {
                    assertThat(renewal.getRenewedAt())
                            .isAfter(records.get(i - 1).value().getRenewedAt());
                }
            }
        }
    }

    private static GatewayConfig config(Topics topics, LeaseConfig lease) {
        return GatewayConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(
                        GatewayConfig.TOPIC_PREFIX, topics.prefix(),
                        OperationsConfig.LEASE_INTERVAL_MS,
                                Long.toString(lease.interval().toMillis()),
                        OperationsConfig.LEASE_TTL_MS, Long.toString(lease.ttl().toMillis())));
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition)
                .get()
                .offset();
    }

    /** The compacted gateways topic (created here, as the processor would), read from its start. */
    private static final class LeaseLog implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, GatewayLease>> records = new ArrayList<>();

        LeaseLog(Admin admin, String topic) throws Exception {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get();
            await().atMost(PATIENCE).ignoreExceptions().until(() -> admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .containsKey(topic));
            consumer = new KafkaConsumer<>(
                    Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        /** Waits for at least {@code count} records of this gateway; all of them so far, a tombstone's value null. */
        List<ConsumerRecord<String, GatewayLease>> records(String gatewayId, int count) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    GatewayLease value = record.value() == null
                            ? null
                            : SwitchboardSerdes.gatewayLease().decode(record.value());
                    records.add(new ConsumerRecord<>(
                            record.topic(), record.partition(), record.offset(), record.key(), value));
                }
                return forGateway(gatewayId).size() >= count;
            });
            return forGateway(gatewayId);
        }

        private List<ConsumerRecord<String, GatewayLease>> forGateway(String gatewayId) {
            return records.stream()
                    .filter(record -> gatewayId.equals(record.key()))
                    .toList();
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
