package io.switchboard.launcher.dev;

import io.switchboard.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
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
 * the way any domain service would.
 */
public final class DemoPublisher implements AutoCloseable {
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

    /** Starts publishing a round of demo events every {@code interval}, the first one now. */
    public static DemoPublisher start(String bootstrapServers, Topics topics, Duration interval) {
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
                "Demo events on '{}' and '{}' every {} ms", DemoEvents.METRICS, DemoEvents.STATUS, interval.toMillis());
        return publisher;
    }

    private void publishRound() {
        try {
            for (DemoEvents.Event event : events.next()) {
                producer.send(new ProducerRecord<>(topic, event.channel(), event.json()), (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Demo event on '{}' not published: {}", event.channel(), error.toString());
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
