package io.switchboard.e2e.bench;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the processor's part for subscriptions only, as the gateway tests' stand-in does: every {@code Subscribe} the
 * gateway writes to the actions topic is answered with {@code Granted} (live only) on the replies topic. The
 * processor's policy is not what this benchmark measures, and it is idle once every client is subscribed.
 */
final class Grants implements AutoCloseable {
    private final Topics topics;
    private final KafkaConsumer<String, ClientAction> actions;
    private final KafkaProducer<String, byte[]> replies;
    private final AtomicInteger granted = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Grants(String bootstrap, Topics topics, int partitions) {
        this.topics = topics;
        this.actions = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                new StringDeserializer(),
                SwitchboardSerdes.clientAction().deserializer());
        this.replies = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", 5),
                new StringSerializer(),
                new ByteArraySerializer());
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topics.actions(), p))
                .toList();
        actions.assign(assigned);
        actions.seekToBeginning(assigned);
        this.thread = new Thread(this::run, "bench-grants");
        thread.start();
    }

    int granted() {
        return granted.get();
    }

    private void run() {
        while (running.get()) {
            for (ConsumerRecord<String, ClientAction> record : actions.poll(Duration.ofMillis(100))) {
                ClientAction action = record.value();
                if (action.getAction() instanceof Subscribe subscribe) {
                    Reply reply = new Reply(
                            action.getConnectionId(),
                            action.getRequestId(),
                            Instant.now(),
                            new Granted(subscribe.getChannel(), null));
                    replies.send(new ProducerRecord<>(
                            topics.replies(),
                            action.getGatewayId(),
                            SwitchboardSerdes.reply().encode(reply)));
                    granted.incrementAndGet();
                }
            }
            replies.flush();
        }
    }

    /** Stops answering; idempotent. */
    void stop() {
        if (!running.getAndSet(false)) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        actions.close();
        replies.close();
    }

    @Override
    public void close() {
        stop();
    }
}
