package io.switchboard.load.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.EpochMicros;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The event source, a plain Kafka producer with the client's defaults (none of Switchboard's code), in its own
 * process so its CPU is counted apart. Prints {@code READY} once the topic is known, waits for {@code GO} on standard
 * input, prints {@code MEASURE} when the warm-up's events are sent and {@code PRODUCED <last seq>} at the end.
 */
@Command(name = "producer", mixinStandardHelpOptions = true)
public final class ProducerMain implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true)
    String bootstrap;

    @Option(names = "--topic", defaultValue = "switchboard.events")
    String topic;

    @Option(names = "--channel", defaultValue = "metrics")
    String channel;

    @Option(names = "--rate", required = true, description = "Events a second.")
    long rate;

    @Option(names = "--warmup-events", defaultValue = "0")
    long warmupEvents;

    @Option(names = "--events", required = true, description = "Events in all, warm-up included.")
    long events;

    @Option(names = "--payload-bytes", defaultValue = "0")
    int payloadBytes;

    @Option(names = "--result", required = true)
    Path result;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.CLIENT_ID_CONFIG, "load-producer");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            awaitTopic(producer);
            System.out.println("READY");
            if (!awaitGo()) {
                return 1;
            }
            ProducerResult outcome = produce(producer);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(result.toFile(), outcome);
            System.out.println("PRODUCED " + outcome.produced());
        }
        return 0;
    }

    private ProducerResult produce(KafkaProducer<String, byte[]> producer) {
        Pacer pacer = new Pacer(rate, events);
        EventJson json = new EventJson(channel, payloadBytes);
        AtomicLong failed = new AtomicLong();
        long seq = 0;
        long maxLate = 0;
        if (warmupEvents == 0) {
            System.out.println("MEASURE");
        }
        long start = System.nanoTime();
        while (seq < pacer.total()) {
            long tick = pacer.tickOf(seq + 1);
            long wake = start + tick * 1_000_000L;
            long now;
            while ((now = System.nanoTime()) < wake) {
                LockSupport.parkNanos(wake - now);
            }
            maxLate = Math.max(maxLate, now - wake);
            for (long due = pacer.dueBy(tick); seq < due; ) {
                seq++;
                producer.send(new ProducerRecord<>(topic, channel, json.bytes(seq, EpochMicros.now())), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
                if (seq == warmupEvents) {
                    System.out.println("MEASURE");
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        producer.flush();
        return new ProducerResult(seq, failed.get(), warmupEvents, seconds, maxLate / 1e6);
    }

    /** The processor creates the topic at start; metadata for it also warms the producer's connection. */
    private void awaitTopic(KafkaProducer<String, byte[]> producer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (!producer.partitionsFor(topic).isEmpty()) {
                    return;
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static boolean awaitGo() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("GO")) {
                return true;
            }
        }
        return false;
    }
}
