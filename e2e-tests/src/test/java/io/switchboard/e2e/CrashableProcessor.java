package io.switchboard.e2e;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the processor crash ITs share: an embedded broker and the processor in a child JVM, which the test kills with
 * SIGKILL ({@link #kill()}) and replaces by a second one on the same application id and state directory ({@link
 * #startReplacement()}). The first never commits its events position (its events commit interval is longer than any
 * test), so its replacement routes every event again: each delivery gets a second copy at a later offset.
 */
final class CrashableProcessor implements AutoCloseable {
    /** Longer than any test: the first processor dies without having committed where it was in the events. */
    private static final String NEVER_COMMITS = "600000";

    private final EmbeddedKafkaBroker broker;
    private final Path dir;
    private final String applicationId;
    private final Path stateDir;
    private ChildJvm first;
    private ChildJvm replacement;

    private CrashableProcessor(EmbeddedKafkaBroker broker, Path dir, String applicationId, Path stateDir) {
        this.broker = broker;
        this.dir = dir;
        this.applicationId = applicationId;
        this.stateDir = stateDir;
    }

    /**
     * Starts the broker and the first processor, application id {@code name-<random>}, its state and both processors'
     * logs under {@code dir}; returns once that processor serves.
     */
    static CrashableProcessor start(Path dir, String name) throws IOException {
        String applicationId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Files.createDirectories(dir.resolve("state"));
        CrashableProcessor started =
                new CrashableProcessor(EmbeddedKafkaBroker.builder().start(), dir, applicationId, stateDir);
        try {
            started.first = started.startProcessor("processor-1.log", NEVER_COMMITS);
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** SIGKILL to the first processor: its open transactions stay open, its events position uncommitted. */
    void kill() {
        first.kill();
    }

    /** Starts the replacement on the first one's application id and state, with the default commit interval. */
    void startReplacement() {
        replacement = startProcessor("processor-2.log");
    }

    /** A new idempotent producer without linger, standing in for a domain service; the caller closes it. */
    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers(), "linger.ms", "0", "enable.idempotence", "true"),
                new StringSerializer(),
                new StringSerializer());
    }

    private ChildJvm startProcessor(String log, String... eventsCommitInterval) {
        String[] args = new String[3 + eventsCommitInterval.length];
        args[0] = bootstrapServers();
        args[1] = applicationId;
        args[2] = stateDir.toString();
        System.arraycopy(eventsCommitInterval, 0, args, 3, eventsCommitInterval.length);
        return ChildJvm.start(ProcessorMain.class, dir.resolve(log), args).awaitReady();
    }

    @Override
    public void close() {
        if (replacement != null) {
            replacement.close();
        }
        if (first != null) {
            first.close();
        }
        broker.close();
    }
}
