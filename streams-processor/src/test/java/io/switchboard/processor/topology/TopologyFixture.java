package io.switchboard.processor.topology;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.processor.policy.KnownFamiliesPolicy;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology in a {@link TopologyTestDriver}, configured as the processor runs it, with a fixed clock. */
final class TopologyFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    // The driver does not model transactions: under exactly_once_v2 (4.3.1) it loses the dead letters a
    // deserialization handler sends before processing starts. ProcessorIT covers exactly_once_v2 on a broker.
    final ProcessorConfig config =
            ProcessorConfig.forTests("localhost:1").withProcessingGuarantee(ProcessorConfig.AT_LEAST_ONCE);
    final Topics topics = config.topics();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> events;
    final TestInputTopic<String, byte[]> rawActions;
    final TestInputTopic<String, ClientAction> actions;
    final TestOutputTopic<String, byte[]> deadLetters;
    final TestOutputTopic<String, Reply> replies;

    TopologyFixture() {
        SwitchboardTopology topology = new SwitchboardTopology(
                topics,
                config.knownFamilies(),
                new KnownFamiliesPolicy(config.knownFamilies(), ProcessorConfig.USER_FAMILY),
                Clock.fixed(NOW, ZoneOffset.UTC));
        driver = new TopologyTestDriver(topology.build(), StreamsProperties.streams(config), NOW);
        events = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
        rawActions = driver.createInputTopic(topics.actions(), new StringSerializer(), new ByteArraySerializer());
        actions = driver.createInputTopic(
                topics.actions(),
                new StringSerializer(),
                SwitchboardSerdes.clientAction().serializer());
        deadLetters =
                driver.createOutputTopic(topics.eventsDlq(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(
                topics.replies(),
                new StringDeserializer(),
                SwitchboardSerdes.reply().deserializer());
    }

    TestOutputTopic<String, Delivery> output(String family) {
        return driver.createOutputTopic(
                topics.output(family),
                new StringDeserializer(),
                SwitchboardSerdes.delivery().deserializer());
    }

    void sendEvent(String key, String json) {
        events.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a Switchboard counter ({@code <operation>-total} of {@code entity}). */
    double counter(String entity, String operation) {
        return driver.metrics().entrySet().stream()
                .filter(e -> matches(e.getKey(), entity, operation + "-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static boolean matches(MetricName name, String entity, String metric) {
        return name.name().equals(metric) && entity.equals(name.tags().get("switchboard-id"));
    }

    @Override
    public void close() {
        driver.close();
    }
}
