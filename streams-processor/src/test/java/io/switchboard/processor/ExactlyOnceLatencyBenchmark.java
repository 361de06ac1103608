package io.switchboard.processor;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import io.switchboard.schemas.SwitchboardSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What exactly-once costs in latency: the time from producing a domain event to its {@code Delivery} being visible
 * to a {@code read_committed} consumer (as the gateways read), with the events app under exactly_once_v2 and
 * at_least_once and several commit intervals, on an embedded broker in this JVM. Not a test: run it with {@code mvn -o -q test-compile
 * exec:java} in {@code streams-processor/} (optional arguments: events per scenario, microseconds between events).
 * Results go in docs/benchmarks.md.
 */
public final class ExactlyOnceLatencyBenchmark {
    private static final int WARM_UP_EVENTS = 300;

    private record Scenario(String guarantee, long commitIntervalMs, long lingerMs) {}

    private ExactlyOnceLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long intervalMicros = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        List<Scenario> scenarios = List.of(
                new Scenario(StreamsConfig.EXACTLY_ONCE_V2, 100, 5),
                new Scenario(StreamsConfig.AT_LEAST_ONCE, 100, 5),
                new Scenario(StreamsConfig.EXACTLY_ONCE_V2, 20, 5),
                new Scenario(StreamsConfig.AT_LEAST_ONCE, 20, 5),
                new Scenario(StreamsConfig.AT_LEAST_ONCE, 100, 100));
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario scenario = scenarios.get(i);
                long[] micros = run(broker.bootstrapServers(), "bench" + i, scenario, events, intervalMicros);
                rows.add(row(scenario, micros));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.printf(
                "%n%d events per scenario, one every %d us; latency produce -> visible to read_committed (ms)%n",
                events, intervalMicros);
        System.out.println("| guarantee | commit.interval.ms | producer linger.ms | p50 | p90 | p99 | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static long[] run(String bootstrap, String prefix, Scenario scenario, int events, long intervalMicros)
            throws InterruptedException {
        ProcessorConfig config = ProcessorConfig.forTests(
                bootstrap,
                Map.of(
                        ProcessorKeys.TOPIC_PREFIX,
                        prefix,
                        ProcessorKeys.EVENTS_PROCESSING_GUARANTEE,
                        scenario.guarantee(),
                        ProcessorKeys.EVENTS_COMMIT_INTERVAL_MS,
                        Long.toString(scenario.commitIntervalMs()),
                        "processor.linger-ms",
                        Long.toString(scenario.lingerMs())));
        try (SwitchboardProcessor processor = SwitchboardProcessor.start(config);
                KafkaProducer<String, byte[]> producer = producer(bootstrap);
                KafkaConsumer<String, byte[]> consumer =
                        consumer(bootstrap, config.topics().output("metrics"))) {
            String topic = config.topics().events();
            measure(producer, consumer, topic, WARM_UP_EVENTS, intervalMicros);
            double commitsBefore = threadMetric(processor, "commit-total");
            long started = System.nanoTime();
            long[] micros = measure(producer, consumer, topic, events, intervalMicros);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "%s: %.1f commits/s, commit latency avg %.1f ms, max %.1f ms%n",
                    scenario,
                    (threadMetric(processor, "commit-total") - commitsBefore) / seconds,
                    threadMetric(processor, "commit-latency-avg"),
                    threadMetric(processor, "commit-latency-max"));
            return micros;
        }
    }

    /** Produces {@code events} events at a steady pace; returns each one's latency in microseconds, sorted. */
    private static long[] measure(
            KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> consumer,
            String topic,
            int events,
            long intervalMicros)
            throws InterruptedException {
        long[] sentAt = new long[events];
        long[] latency = new long[events];
        Arrays.fill(latency, -1);
        String run = Long.toHexString(System.nanoTime());
        Thread reader = new Thread(() -> read(consumer, run, sentAt, latency), "benchmark-reader");
        reader.start();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            LockSupport.parkNanos(start + i * intervalMicros * 1000 - System.nanoTime());
            String json = "{\"id\":\"" + run + "-" + i + "\",\"channel\":\"metrics\",\"data\":" + i + "}";
            sentAt[i] = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, "metrics", json.getBytes(StandardCharsets.UTF_8)));
        }
        reader.join(TimeUnit.SECONDS.toMillis(60));
        long missing = Arrays.stream(latency).filter(l -> l < 0).count();
        if (missing > 0) {
            throw new IllegalStateException(missing + " events were not delivered within 60 s");
        }
        Arrays.sort(latency);
        return latency;
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, String run, long[] sentAt, long[] latency) {
        var delivery = SwitchboardSerdes.delivery();
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (seen < latency.length && System.nanoTime() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                String id = delivery.decode(record.value()).getEventId();
                if (id != null && id.startsWith(run + "-")) {
                    int index = Integer.parseInt(id.substring(run.length() + 1));
                    latency[index] = (now - sentAt[index]) / 1000;
                    seen++;
                }
            }
        }
    }

    // The events app's stream thread: its thread id starts with <application id>-events.
    private static double threadMetric(SwitchboardProcessor processor, String name) {
        return processor.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-thread-metrics")
                        && e.getKey().name().equals(name)
                        && e.getKey().tags().getOrDefault("thread-id", "").contains("-events"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst()
                .orElse(Double.NaN);
    }

    private static String row(Scenario scenario, long[] micros) {
        return String.format(
                "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |",
                scenario.guarantee(),
                scenario.commitIntervalMs(),
                scenario.lingerMs(),
                percentile(micros, 50),
                percentile(micros, 90),
                percentile(micros, 99),
                micros[micros.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.LINGER_MS_CONFIG, "0",
                        ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is produced
        return consumer;
    }
}
