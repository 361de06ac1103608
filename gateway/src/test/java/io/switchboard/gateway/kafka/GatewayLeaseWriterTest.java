package io.switchboard.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.config.LeaseConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.GatewayLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayLeaseWriterTest {
    private static final String TOPIC = "switchboard.gateways";
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final SteppingClock clock = new SteppingClock(START, Duration.ofSeconds(1));
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private GatewayLeaseWriter writer;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void writesTheFirstLeaseBeforeStartReturnsKeyedByTheGatewayIdValidForTheTtl() {
        writer = writer(Duration.ofHours(1), Duration.ofHours(3));

        writer.start();

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo(TOPIC);
        assertThat(first.key()).isEqualTo("gateway-1");
        assertThat(lease(0)).isEqualTo(new GatewayLease(START, START.plus(Duration.ofHours(3))));
    }

    @Test
    void renewsEveryIntervalWithTheClocksTimeAndTheTtlFromThen() {
        writer = writer(Duration.ofMillis(20), Duration.ofSeconds(30));

        writer.start();

        await().atMost(PATIENCE).until(() -> producer.history().size() >= 3);
        for (int i = 0; i < 3; i++) {
            Instant renewedAt = START.plusSeconds(i);
            assertThat(lease(i)).as("renewal " + i).isEqualTo(new GatewayLease(renewedAt, renewedAt.plusSeconds(30)));
        }
    }

    @Test
    void closeStopsRenewingWritesATombstoneAndClosesTheProducer() {
        writer = writer(Duration.ofMillis(20), Duration.ofSeconds(30));
        writer.start();
        await().atMost(PATIENCE).until(() -> producer.history().size() >= 2);

        writer.close();

        List<ProducerRecord<String, byte[]>> history = producer.history();
        ProducerRecord<String, byte[]> last = history.get(history.size() - 1);
        assertThat(last.key()).isEqualTo("gateway-1");
        assertThat(last.value()).as("a tombstone").isNull();
        assertThat(history.stream().filter(record -> record.value() == null)).hasSize(1);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aWriterNeverStartedWritesNoTombstone() {
        writer = writer(Duration.ofMillis(20), Duration.ofSeconds(30));

        writer.close();

        assertThat(producer.history()).isEmpty();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aLeaseThatCannotBeWrittenIsCountedAndTheStartAndTheNextRenewalGoOn() {
        writer = writer(Duration.ofMillis(20), Duration.ofSeconds(30));
        synchronized (producer) {
            producer.sendException = new KafkaException("no metadata within max.block.ms");
        }

        writer.start();

        assertThat(failures()).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).until(() -> failures() >= 2);
        synchronized (producer) {
            producer.sendException = null;
        }
        await().atMost(PATIENCE).until(() -> !producer.history().isEmpty());
    }

    @Test
    void anIntervalOfZeroWritesNoLeaseAndNeedsNoProducer() {
        KafkaClientConfig kafka = new KafkaClientConfig("127.0.0.1:1", new Topics("switchboard"), Map.of());

        assertThat(GatewayLeaseWriter.create(kafka, "gateway-1", LeaseConfig.OFF, clock, metrics))
                .isSameAs(Lease.OFF);
    }

    private GatewayLeaseWriter writer(Duration interval, Duration ttl) {
        return new GatewayLeaseWriter(producer, TOPIC, "gateway-1", new LeaseConfig(interval, ttl), clock, metrics);
    }

    private GatewayLease lease(int index) {
        return SwitchboardSerdes.gatewayLease()
                .decode(producer.history().get(index).value());
    }

    private double failures() {
        var counter = registry.find("switchboard.gateway.failures")
                .tag("key", GatewayLeaseWriter.FAILURE_KEY)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** A clock that moves on by one step each time it is read. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant next;

        SteppingClock(Instant start, Duration step) {
            this.next = start;
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
