package io.switchboard.e2e;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.OperationsConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole of Switchboard for one test class: a real embedded broker, the processor and {@code gateways} gateways,
 * plus a plain Kafka producer standing in for a domain service that is not ours.
 */
final class SwitchboardCluster implements BeforeAllCallback, AfterAllCallback {
    /** The HS256 secret every gateway of the cluster verifies tokens with. */
    static final String JWT_SECRET = "e2e-secret-" + "0123456789abcdef0123456789abcdef";
    /**
     * Every gateway's lease: renewed every second, valid 10 s, so that a loaded CI machine never lets a live gateway's
     * lease lapse (its connections would be purged under the test's feet); GatewayCrashIT's own gateway uses a short
     * one.
     */
    static final Map<String, String> LEASE =
            Map.of(OperationsConfig.LEASE_INTERVAL_MS, "1000", OperationsConfig.LEASE_TTL_MS, "10000");

    private final int gatewayCount;
    private final Map<String, String> gatewaySettings;
    private final Map<String, String> processorSettings;
    private EmbeddedKafkaBroker broker;
    private SwitchboardProcessor processor;
    private final List<SwitchboardGateway> gateways = new ArrayList<>();
    private KafkaProducer<String, String> producer;

    SwitchboardCluster(int gatewayCount) {
        this(gatewayCount, Map.of());
    }

    /** @param gatewaySettings keys every gateway of the cluster is started with, over the cluster's lease */
    SwitchboardCluster(int gatewayCount, Map<String, String> gatewaySettings) {
        this(gatewayCount, gatewaySettings, Map.of());
    }

    SwitchboardCluster(int gatewayCount, Map<String, String> gatewaySettings, Map<String, String> processorSettings) {
        this.gatewayCount = gatewayCount;
        this.gatewaySettings = gatewaySettings;
        this.processorSettings = processorSettings;
    }

    /** A gateway's configuration for tests against {@code bootstrapServers}, with these keys and the cluster's secret. */
    static GatewayConfig gatewayConfig(String bootstrapServers, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put(GatewayConfig.AUTH_JWT_SECRET, JWT_SECRET);
        return GatewayConfig.forTests(bootstrapServers, values);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.builder().start();
        processor = SwitchboardProcessor.start(ProcessorConfig.forTests(broker.bootstrapServers(), processorSettings));
        // leases on (forTests has none), short enough that a crashed gateway is purged within a test
        Map<String, String> settings = new HashMap<>(LEASE);
        settings.putAll(gatewaySettings);
        for (int i = 0; i < gatewayCount; i++) {
            gateways.add(SwitchboardGateway.start(gatewayConfig(broker.bootstrapServers(), settings)));
        }
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", "0"),
                new StringSerializer(),
                new StringSerializer());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        gateways.forEach(SwitchboardGateway::close);
        gateways.clear();
        if (processor != null) {
            processor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Stops gateway {@code index} the way SIGTERM does: its clients are closed with 1001. */
    void stopGateway(int index) {
        gateways.get(index).close();
    }

    /** The sum over stream threads of the processor's counter {@code <operation>-total} of {@code entity}. */
    double processorCount(String operation, String entity) {
        return processor.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(operation + "-total")
                        && entity.equals(metric.getKey().tags().get("switchboard-id")))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .sum();
    }

    String gatewayId(int index) {
        return gateways.get(index).gatewayId();
    }

    int gatewayPort(int index) {
        return gateways.get(index).port();
    }

    /** A token for {@code user} with {@code roles}, valid for an hour, signed with {@link #JWT_SECRET}. */
    static String token(String user, String... roles) {
        return DevTokens.mint(JWT_SECRET, user, List.of(roles), Duration.ofHours(1));
    }

    /** A welcomed connection to gateway {@code gateway} as {@code user} with {@code roles}. */
    TestClient connect(int gateway, String user, String... roles) {
        return TestClient.connect(gatewayPort(gateway), token(user, roles));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The port of the processor's {@code /metrics} and {@code /health/*} (loopback, chosen by the OS). */
    int processorHttpPort() {
        return processor.httpPort().orElseThrow();
    }

    /** Produces a JSON domain event to switchboard.events, the way any service in any language would. */
    void produceEvent(String channel, String json) {
        try {
            producer.send(new ProducerRecord<>("switchboard.events", channel, json))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    /** Every record of the DLQ so far, with its reason header, read by a plain consumer. */
    List<DlqRecord> readDlq() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        broker.bootstrapServers(),
                        "group.id",
                        "dlq-reader-" + System.nanoTime(),
                        "auto.offset.reset",
                        "earliest",
                        "isolation.level",
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("switchboard.events.dlq"));
            List<DlqRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var reason = record.headers().lastHeader("error.reason");
                    records.add(new DlqRecord(
                            new String(record.value(), StandardCharsets.UTF_8),
                            reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
                }
            }
            return records;
        }
    }

    record DlqRecord(String value, String reason) {}

    /** The Delivery records of {@code channel} in its family's output topic so far (read_committed). */
    List<Delivery> readDeliveries(String channel) {
        String family = ChannelName.parse(channel).family();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        broker.bootstrapServers(),
                        "group.id",
                        "out-reader-" + System.nanoTime(),
                        "auto.offset.reset",
                        "earliest",
                        "isolation.level",
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("switchboard.out." + family));
            var deserializer = SwitchboardSerdes.delivery().deserializer();
            List<Delivery> deliveries = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // presence notices and receipts share the output topics; they are no deliveries
                    if (channel.equals(record.key())
                            && !PresenceHeader.isNotice(record.headers())
                            && !ReceiptHeaders.isNotice(record.headers())) {
                        deliveries.add(deserializer.deserialize(record.topic(), record.value()));
                    }
                }
            }
            return deliveries;
        }
    }
}
