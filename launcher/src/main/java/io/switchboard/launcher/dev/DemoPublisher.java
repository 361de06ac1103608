package io.switchboard.launcher.dev;

import io.switchboard.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link DemoEvents} to the events topic at a fixed rate with a plain Kafka producer, keyed by channel,
 * the way any domain service would, after writing the demo's users into the role directory ({@link DemoUsers}).
 */
final class DemoPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService timer;
    private final String topic;
    private final DemoEvents events = new DemoEvents(Clock.systemUTC());

    private DemoPublisher(KafkaProducer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-demo");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Writes the {@link DemoUsers} the role directory lacks, then starts publishing a round of demo events every {@code
     * interval}, the first one now.
     */
    static DemoPublisher start(String bootstrapServers, Topics topics, Duration interval) {
        List<String> written = DemoUsers.writeMissing(bootstrapServers, topics);
        if (!written.isEmpty()) {
            LOG.info("Demo users {} written to {}", written, topics.users());
        }
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "switchboard-demo",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                5_000);
        DemoPublisher publisher = new DemoPublisher(
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()), topics.events());
        publisher.timer.scheduleAtFixedRate(publisher::publishRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "Demo events on '{}' and '{}' every {} ms, a book request every {} rounds",
                DemoEvents.METRICS,
                DemoEvents.STATUS,
                interval.toMillis(),
                DemoEvents.BOOK_REQUEST_ROUNDS);
        return publisher;
    }

    private void publishRound() {
        try {
            for (DemoEvents.Event event : events.next()) {
                producer.send(new ProducerRecord<>(topic, event.key(), event.json()), (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Demo event keyed '{}' not published: {}", event.key(), error.toString());
                    }
                });
            }
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule: log it and try again next time.
            LOG.warn("Demo round failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(5));
    }
}
