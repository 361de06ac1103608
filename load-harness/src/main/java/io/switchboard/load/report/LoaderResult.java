package io.switchboard.load.report;

import java.util.List;
import java.util.Map;

/**
 * What one loader process saw, written to a JSON file at the end and merged by the coordinator.
 *
 * @param clients connections attempted
 * @param subscribed connections whose subscribe was granted
 * @param connectFailures connections that never subscribed, by reason (HTTP status of a refused upgrade, timeout, …)
 * @param received messages of the measured window (sequence numbers above the warm-up's)
 * @param receivedAll messages received in all, warm-up included
 * @param reads read calls that returned data (one syscall each)
 * @param closes connections the server closed, by close code (1006: no close frame)
 * @param open continuity on connections still open at the end
 * @param closed continuity on connections closed before the end
 * @param holeSamples the first few holes, as text
 * @param missedSequences sequence number → how many connections missed it (bounded)
 * @param histogram measured-window latencies, {@link Latencies#encode()}
 * @param negativeLatencies latencies below zero, recorded as 0
 */
public record LoaderResult(
        int loader,
        int clients,
        int subscribed,
        Map<String, Long> connectFailures,
        long received,
        long receivedAll,
        long reads,
        Map<Integer, Closes> closes,
        Continuity open,
        Continuity closed,
        List<String> holeSamples,
        Map<Long, Long> missedSequences,
        String histogram,
        long negativeLatencies) {}
