package io.switchboard.load.broker;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The external broker of a load run: a real single-node KRaft Kafka in its own process (pinned apart from the
 * servers under test), {@code BrokerMain <port> <controller port> <data dir>}. Prints {@code READY <bootstrap>} once
 * it serves; stops when its standard input ends, so it never outlives the coordinator that started it.
 */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws IOException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(Integer.parseInt(args[0]))
                .controllerPort(Integer.parseInt(args[1]))
                .dataDir(Path.of(args[2]))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
        System.out.println("READY " + broker.bootstrapServers());
        while (System.in.read() >= 0) {
            // nothing to read: the coordinator only closes this stream
        }
        System.exit(0);
    }
}
