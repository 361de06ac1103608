package io.switchboard.observability.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The value of one health check as a gauge: 1 up, 0 down. A scrape must not wait for a check that hangs (the
 * endpoints promise that a slow check holds up no other request, {@code /metrics} included), so the check runs on a
 * thread of its own: the scrape waits for it briefly and otherwise reports the last answer (NaN before the first).
 * At most one evaluation of a check is in flight.
 */
final class CheckGauge {
    /** Far longer than a check that keeps the contract takes (microseconds), short enough for a scrape. */
    private static final long WAIT_MILLIS = 100;

    private static final ExecutorService EVALUATORS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "health-check-gauge");
        thread.setDaemon(true);
        return thread;
    });

    private final HealthCheck check;
    private volatile double last = Double.NaN;
    private CompletableFuture<Double> inFlight; // guarded by this

    CheckGauge(HealthCheck check) {
        this.check = check;
    }

    double value() {
        CompletableFuture<Double> evaluation = evaluation();
        try {
            return evaluation.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        } catch (ExecutionException e) {
            return 0; // HealthChecks.run turns failures into down: not reached
        }
    }

    private synchronized CompletableFuture<Double> evaluation() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight =
                    CompletableFuture.supplyAsync(() -> HealthChecks.run(check).up() ? 1.0 : 0.0, EVALUATORS);
            inFlight.thenAccept(value -> last = value);
        }
        return inFlight;
    }
}
