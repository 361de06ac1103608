package io.switchboard.load.report;

import java.util.List;
import java.util.Map;

/**
 * One run, all loaders merged.
 *
 * @param run 1 for the first
 * @param clients connections attempted
 * @param subscribed connections subscribed when the first event was produced
 * @param connectFailures connections that never subscribed, by reason
 * @param produced events produced in all (warm-up included)
 * @param measuredEvents events of the measured window
 * @param producerFailed sends the producer reported failed
 * @param producerMaxLateMillis how far the producer's pacing fell behind schedule at worst
 * @param startMicros epoch microseconds when production began; close times are relative to it
 * @param expected measured events × subscribed connections
 * @param received measured messages received
 * @param deliveredPerSecond received over the measured window's length
 * @param latency measured-window latency, produce to receive
 * @param negativeLatencies latencies below 0, counted as 0
 * @param closes connections the server closed, by close code
 * @param open continuity on connections still open at the end
 * @param closed continuity on the connections closed during the run
 * @param holeSamples the first holes seen, as text
 * @param mostMissed the sequence numbers missed by most connections, as text
 * @param cpu CPU per process over the measured window
 * @param memory the gateway's RSS per connection
 * @param receivedAll messages received in all, warm-up included
 * @param reads read syscalls of all loaders
 * @param limits why the numbers may show the harness rather than the servers (empty when they do not)
 */
public record RunResult(
        int run,
        int clients,
        long subscribed,
        Map<String, Long> connectFailures,
        long produced,
        long measuredEvents,
        long producerFailed,
        double producerMaxLateMillis,
        long startMicros,
        long expected,
        long received,
        double deliveredPerSecond,
        LatencySummary latency,
        long negativeLatencies,
        Map<Integer, Closes> closes,
        Continuity open,
        Continuity closed,
        List<String> holeSamples,
        List<String> mostMissed,
        CpuUse cpu,
        GatewayMemory memory,
        long receivedAll,
        long reads,
        List<String> limits) {
    public double deliveredPercent() {
        return expected == 0 ? 0 : 100.0 * received / expected;
    }

    public long closedCount() {
        return closes.values().stream().mapToLong(Closes::count).sum();
    }

    /** Messages per read syscall over the whole run: how well the loaders batch. */
    public double messagesPerRead() {
        return reads == 0 ? 0 : (double) receivedAll / reads;
    }
}
