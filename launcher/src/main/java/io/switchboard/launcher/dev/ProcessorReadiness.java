package io.switchboard.launcher.dev;

import io.switchboard.processor.SwitchboardProcessor;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the processor to own its partitions, so that dev mode says it is ready only when it is. */
final class ProcessorReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorReadiness.class);
    private static final Duration HINT_AFTER = Duration.ofSeconds(5);

    private ProcessorReadiness() {}

    /**
     * Polls until the processor is {@code RUNNING}; gives up with a warning after {@code bound}.
     *
     * @return false if {@code cancelled} turned true meanwhile
     * @throws IllegalStateException if the processor stopped
     */
    static boolean awaitRunning(SwitchboardProcessor processor, Duration bound, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        boolean hinted = false;
        while (processor.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = processor.state();
            if (cancelled.getAsBoolean()) {
                return false;
            }
            if (state.isShuttingDown() || state.hasCompletedShutdown()) {
                throw new IllegalStateException("the processor stopped while starting: " + state);
            }
            long waited = System.nanoTime() - start;
            if (waited > bound.toNanos()) {
                LOG.warn("The processor is still {} after {} s; going on", state, bound.toSeconds());
                return true;
            }
            if (!hinted && waited > HINT_AFTER.toNanos()) {
                hinted = true;
                LOG.info("Waiting for the processor to join its consumer group (after a restart, until the previous"
                        + " member's session times out)");
            }
            sleep();
        }
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the processor was starting", e);
        }
    }
}
