package io.switchboard.load.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ScaleSettings;
import io.switchboard.load.scale.ProducedSequences;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
 * The scale test's event source: {@code rate} events a second round-robin over the shared channels {@code
 * forum_threads:0..channels-1}, and {@code personal-rate} a second to random users' {@code user:u<i>}, each channel
 * numbered from 1 in {@code data.seq} with the produce time in {@code data.t}. A plain producer, idempotent (the
 * client's default), keyed by channel. Prints {@code READY}, waits for {@code GO}, prints {@code PRODUCED <n>} and
 * writes the last sequence number of every channel.
 */
@Command(name = "scale-producer", mixinStandardHelpOptions = true)
public final class ScaleProducerMain implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true)
    String bootstrap;

    @Option(names = "--channels", required = true)
    int channels;

    @Option(names = "--rate", required = true, description = "Events a second on the shared channels, in all.")
    long rate;

    @Option(names = "--personal-rate", required = true, description = "Personal messages a second, in all.")
    long personalRate;

    @Option(names = "--users", required = true)
    int users;

    @Option(names = "--seconds", required = true)
    int seconds;

    @Option(names = "--result", required = true)
    Path result;

    private final Map<String, Long> lastSeq = new HashMap<>();
    private final AtomicLong failed = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleProducerMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.CLIENT_ID_CONFIG, "scale-producer");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            awaitTopic(producer);
            System.out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("GO")) {
                // wait for the coordinator
            }
            long start = System.nanoTime();
            long produced = produce(producer);
            producer.flush();
            double took = (System.nanoTime() - start) / 1e9;
            new ObjectMapper()
                    .writeValue(result.toFile(), new ProducedSequences(produced, failed.get(), took, lastSeq));
            System.out.println("PRODUCED " + produced);
        }
        return 0;
    }

    /** One tick a millisecond; every event due by a tick goes in it. */
    private long produce(KafkaProducer<String, byte[]> producer) {
        SplittableRandom random = new SplittableRandom(42);
        long ticks = seconds * 1000L;
        long shared = 0;
        long personal = 0;
        long start = System.nanoTime();
        for (long tick = 1; tick <= ticks; tick++) {
            long wake = start + tick * 1_000_000L;
            long now;
            while ((now = System.nanoTime()) < wake) {
                LockSupport.parkNanos(wake - now);
            }
            for (long due = rate * tick / 1000; shared < due; shared++) {
                send(producer, "forum_threads:" + (shared % channels));
            }
            for (long due = personalRate * tick / 1000; personal < due; personal++) {
                send(producer, "user:" + ScaleSettings.userOf(random.nextInt(users)));
            }
        }
        return shared + personal;
    }

    private void send(KafkaProducer<String, byte[]> producer, String channel) {
        long seq = lastSeq.merge(channel, 1L, Long::sum);
        byte[] event = ("{\"channel\":\"" + channel + "\",\"event\":\"scale\",\"data\":{\"t\":" + EpochMicros.now()
                        + ",\"seq\":" + seq + "}}")
                .getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>("switchboard.events", channel, event), (m, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        });
    }

    private static void awaitTopic(KafkaProducer<String, byte[]> producer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (!producer.partitionsFor("switchboard.events").isEmpty()) {
                    return;
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
