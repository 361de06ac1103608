package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.producer.ProducerMain;
import io.switchboard.load.producer.ProducerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The producer process of one run, on the load core: started early (JVM start-up stays out of the window). */
final class ProducerControl {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

    private final Children children;
    private final Child child;
    private final Path result;

    private ProducerControl(Children children, Child child, Path result) {
        this.children = children;
        this.child = child;
        this.result = result;
    }

    static ProducerControl start(
            Children children, Placement placement, Scenario scenario, Endpoints endpoints, Path runDir) {
        Path result = runDir.resolve("producer.json");
        List<String> args = List.of(
                "--bootstrap=" + endpoints.bootstrap(),
                "--channel=" + scenario.channel(),
                "--rate=" + scenario.rate(),
                "--warmup-events=" + scenario.warmupEvents(),
                "--events=" + (scenario.warmupEvents() + scenario.measuredEvents()),
                "--payload-bytes=" + scenario.payloadBytes(),
                "--result=" + result);
        Child child = children.start(
                "producer",
                placement.loadCpu(),
                Jvm.command(
                        List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"), ProducerMain.class, args),
                Map.of(),
                runDir);
        return new ProducerControl(children, child, result);
    }

    long pid() {
        return child.pid();
    }

    /** Starts producing once the producer is connected and knows the topic. */
    void go() throws InterruptedException {
        child.await("READY"::equals, READY_TIMEOUT, "READY");
        child.send("GO");
    }

    /** Waits until the warm-up's events are sent: the measured window starts. */
    void awaitMeasuring(Scenario scenario) throws InterruptedException {
        child.await("MEASURE"::equals, Duration.ofSeconds(scenario.warmupSeconds() + 60L), "MEASURE");
    }

    /** Waits until every event is sent; returns the last sequence number. */
    long awaitProduced(Scenario scenario) throws InterruptedException {
        String line = child.await(
                l -> l.startsWith("PRODUCED"), Duration.ofSeconds(scenario.durationSeconds() + 120L), "PRODUCED");
        return Long.parseLong(line.substring("PRODUCED".length()).trim());
    }

    /** Reads the producer's result and ends the process. */
    ProducerResult finish() throws IOException {
        children.stop(child);
        return new ObjectMapper().readValue(result.toFile(), ProducerResult.class);
    }
}
