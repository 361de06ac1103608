package io.switchboard.load.scale;

import java.util.List;
import java.util.Map;

/**
 * What one scale loader saw, written as JSON at its end and merged by the coordinator.
 *
 * @param clients clients of this loader
 * @param subscribed clients subscribed at the start
 * @param failures first connections that never subscribed, by reason
 * @param disconnected clients that lost their connection at least once
 * @param recovered of those, clients back (connected again and every resubscribe answered)
 * @param notRecoveredReplies resubscribes answered with {@code "recovered":false}
 * @param firstDisconnectMicros epoch µs of the first lost connection (0: none)
 * @param lastRecoveredMicros epoch µs of the last client back (0: none)
 * @param recoveryHistogram per client, time from its lost connection to back ({@code Latencies} encoding, µs)
 * @param reconnectAttempts connection attempts after a loss, successful or not
 * @param refusals refused reconnects by reason ({@code http 429}, {@code connect}, {@code timeout}, …)
 * @param refused429ByGateway HTTP 429 refusals by gateway index
 * @param addressesRefused429 source addresses that were refused with 429 at least once
 * @param max429PerAddress the most 429s any one source address received
 * @param closes connections closed, by close code (1006: the socket ended without a close frame)
 * @param topic continuity on the shared channels
 * @param personal continuity on the personal channels
 * @param survivorHistograms latencies of clients never disconnected, before / during / after the faults
 * @param reconnectedHistogram latencies of clients that reconnected, after their loss
 * @param holeSamples the first holes, as text
 */
public record ScaleLoaderResult(
        int loader,
        int clients,
        int subscribed,
        Map<String, Long> failures,
        int disconnected,
        int recovered,
        long notRecoveredReplies,
        long firstDisconnectMicros,
        long lastRecoveredMicros,
        String recoveryHistogram,
        long reconnectAttempts,
        Map<String, Long> refusals,
        Map<Integer, Long> refused429ByGateway,
        int addressesRefused429,
        long max429PerAddress,
        Map<Integer, Long> closes,
        StreamTally topic,
        StreamTally personal,
        List<String> survivorHistograms,
        String reconnectedHistogram,
        List<String> holeSamples) {}
