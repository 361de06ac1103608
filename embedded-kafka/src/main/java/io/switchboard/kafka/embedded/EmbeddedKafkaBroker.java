package io.switchboard.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (combined KRaft broker and controller) running in this JVM: the same broker code as
 * production, so dev mode and tests exercise real transactions, compaction and consumer groups.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().port(9092).start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
        LOG.info("Embedded Kafka on port {} stopped", port);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** Options of the embedded broker; every one has a default fit for a test. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private final Map<String, String> overrides = new TreeMap<>();

        /** The client port on localhost; 0 (the default) picks a free one in 20000-29999. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller port; 0 (the default) picks a free one in 20000-29999. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * Where the log lives. A directory that was formatted before is reused as is (the data survives a
         * restart); without one, a fresh temporary directory is used and deleted on close.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** A broker property, overriding the defaults of this class. */
        public Builder property(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker start() {
            boolean temporary = dataDir == null;
            Path dir = temporary ? createTempDir() : dataDir;
            int clientPort = port == 0 ? FreePorts.pick() : port;
            int quorumPort = controllerPort == 0 ? pickOtherThan(clientPort) : controllerPort;
            Properties props = BrokerProperties.singleNode(clientPort, quorumPort, dir.resolve("log"));
            overrides.forEach(props::setProperty);
            formatIfNew(dir, props);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new IllegalStateException("embedded Kafka failed to start on port " + clientPort, e);
            }
            LOG.info("Embedded Kafka started at localhost:{} (data in {})", clientPort, dir);
            return new EmbeddedKafkaBroker(server, clientPort, dir, temporary);
        }

        private static int pickOtherThan(int taken) {
            int candidate;
            do {
                candidate = FreePorts.pick();
            } while (candidate == taken);
            return candidate;
        }

        private static Path createTempDir() {
            try {
                return Files.createTempDirectory("switchboard-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void formatIfNew(Path dir, Properties props) {
            Path logDir = Path.of(props.getProperty("log.dirs"));
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            try {
                Files.createDirectories(logDir);
                Path config = dir.resolve("server.properties");
                try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                    props.store(writer, "embedded Kafka");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"};
                int code = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
                if (code != 0) {
                    throw new IllegalStateException("formatting " + logDir + " failed (" + code + "): " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + dir, e);
            }
        }
    }
}
