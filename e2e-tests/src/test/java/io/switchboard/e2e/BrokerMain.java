package io.switchboard.e2e;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;

/** A Kafka broker in a child JVM: {@code BrokerMain <port> <controller port> <data dir>}; the data dir is reused. */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(Integer.parseInt(args[0]))
                .controllerPort(Integer.parseInt(args[1]))
                .dataDir(Path.of(args[2]))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println(ChildJvm.READY + " " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
