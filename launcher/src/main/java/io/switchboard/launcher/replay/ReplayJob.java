package io.switchboard.launcher.replay;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One operator replay (DESIGN.md: "operators replay topics to deliver what offline clients missed"): finds the
 * partition of {@code <prefix>.out.<family>} that holds the channel, resolves the window, and copies the channel's
 * original deliveries in it, marked {@code replayed}, to the channel itself or to a user's personal channel.
 *
 * <p>Arguments that turn out wrong once Kafka answers raise {@link ReplayArgumentException} before anything is
 * written; Kafka not answering within {@link #TIMEOUT}, or refusing a read or a write, raises {@link
 * IllegalStateException} saying what failed.
 */
public final class ReplayJob {
    /** The longest any single wait on Kafka lasts. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final ReplayClients clients;
    private final Topics topics;

    /** @param kafkaProperties raw client properties (security etc.) */
    public ReplayJob(String bootstrapServers, Map<String, String> kafkaProperties, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.clients = new ReplayClients(bootstrapServers, kafkaProperties, TIMEOUT);
        this.topics = topics;
    }

    /** Where the copies of one request come from and go to, once Kafka has answered. */
    private record Plan(ReplayRequest request, ReplayWindow window, ReplayTarget target, int targetPartition) {}

    /** Runs the replay, with progress lines on {@code progressOut}, and returns its summary. */
    public ReplaySummary run(ReplayRequest request, PrintWriter progressOut) {
        long started = System.nanoTime();
        KafkaConsumer<String, byte[]> consumer = clients.consumer();
        try {
            Plan plan = plan(consumer, request);
            if (request.dryRun()) {
                return replay(consumer, CopyWriter.NOWHERE, plan, progressOut, started);
            }
            KafkaProducer<String, byte[]> producer = call("start writing", clients::producer);
            try {
                return replay(
                        consumer, new KafkaCopyWriter(producer, plan.target().topic()), plan, progressOut, started);
            } finally {
                producer.close(CLOSE);
            }
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE));
        }
    }

    private Plan plan(KafkaConsumer<String, byte[]> consumer, ReplayRequest request) {
        Map<String, List<PartitionInfo>> existing = call("list the topics", () -> consumer.listTopics(TIMEOUT));
        String channel = request.channel().toString();
        String sourceTopic = request.sourceTopic(topics);
        int sourcePartitions = partitions(
                existing, sourceTopic, "the family '" + request.channel().family() + "'");
        TopicPartition source = new TopicPartition(sourceTopic, ChannelName.partition(channel, sourcePartitions));
        ReplayTarget target = request.target(topics);
        int targetPartitions = partitions(existing, target.topic(), "personal channels");
        ReplayWindow window = call(
                "read the offsets of " + source,
                () -> ReplayWindow.resolve(consumer, source, request.from(), request.to(), TIMEOUT));
        return new Plan(request, window, target, ChannelName.partition(target.channel(), targetPartitions));
    }

    private static int partitions(Map<String, List<PartitionInfo>> existing, String topic, String owner) {
        List<PartitionInfo> partitions = existing.get(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new ReplayArgumentException("There is no output topic " + topic + " for " + owner + ": nothing to "
                    + "replay (check the channel and --topic-prefix).");
        }
        return partitions.size();
    }

    private ReplaySummary replay(
            KafkaConsumer<String, byte[]> consumer,
            CopyWriter writer,
            Plan plan,
            PrintWriter progressOut,
            long started) {
        ReplayProgress progress = new ReplayProgress(
                progressOut, System::nanoTime, PROGRESS_INTERVAL, plan.request().dryRun());
        Replayer replayer = new Replayer(consumer, writer, progress, System::nanoTime, TIMEOUT);
        ReplayCounts counts = call(
                "copy " + plan.window().partition() + " to " + plan.target().topic(),
                () -> replayer.run(
                        plan.window(), plan.request().channel().toString(), plan.target(), plan.targetPartition()));
        return new ReplaySummary(
                plan.request(),
                plan.window(),
                plan.target(),
                plan.targetPartition(),
                counts,
                writer.written(),
                writer.firstOffset(),
                writer.lastOffset(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs one step against Kafka, turning Kafka's exceptions into one that says what failed and where. */
    private <T> T call(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds() + " s (" + what
                            + ")",
                    e);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
