package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.gateway.routing.ActionSink;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ClientAction;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes client actions to the actions topic. {@code send} can block on metadata (up to {@code max.block.ms}), so
 * it runs on one dedicated thread, never on a socket I/O thread; one thread also keeps the actions of a connection
 * in order. The hand-off queue is bounded: when it is full the action fails at once.
 */
public final class ActionProducer implements ActionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionProducer.class);
    private static final int MAX_PENDING = 10_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, ClientAction> producer;
    private final String topic;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING),
            runnable -> new Thread(runnable, "gateway-actions"),
            new ThreadPoolExecutor.AbortPolicy());

    public ActionProducer(KafkaClientConfig config, String gatewayId) {
        this.producer = new KafkaProducer<>(
                ClientProperties.producer(config, gatewayId + "-actions"),
                new StringSerializer(),
                SwitchboardSerdes.clientAction().serializer());
        this.topic = config.topics().actions();
    }

    @Override
    public void forward(ClientAction action, Runnable onFailure) {
        forward(action.getUserId() != null ? action.getUserId() : action.getConnectionId(), action, onFailure);
    }

    @Override
    public void forward(String key, ClientAction action, Runnable onFailure) {
        try {
            sender.execute(() -> send(key, action, onFailure));
        } catch (RejectedExecutionException e) {
            LOG.warn(
                    "action-rejected: {} pending actions or shutting down",
                    sender.getQueue().size());
            onFailure.run();
        }
    }

    private void send(String key, ClientAction action, Runnable onFailure) {
        try {
            producer.send(new ProducerRecord<>(topic, key, action), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("action-failed: {} of {}: {}", actionName(action), key, error.toString());
                    onFailure.run();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("action-failed: {} of {}: {}", actionName(action), key, e.toString());
            onFailure.run();
        }
    }

    private static String actionName(ClientAction action) {
        return action.getAction().getClass().getSimpleName();
    }

    /** Sends what was handed over, then flushes and closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "action-close: {} actions not handed to the producer",
                        sender.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }
}
