package io.switchboard.load.presence;

import io.switchboard.load.report.Latencies;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Join → join-frame latency: for each {@code join} a watcher received, the time since the subscribe that caused it,
 * which is the last subscribe of that user sent before the frame arrived. Both times are epoch microseconds taken on
 * the same machine (the loaders send, the watcher receives).
 */
public final class JoinLatencies {
    private JoinLatencies() {}

    /**
     * @param sends per user, when its subscribes were sent (any order)
     * @param joins per user, when the watcher received its join frames
     * @param unmatched receives {@code [0]} += joins with no subscribe of that user before them
     */
    public static Latencies of(Map<String, long[]> sends, Map<String, List<Long>> joins, long[] unmatched) {
        Latencies latencies = new Latencies();
        joins.forEach((user, received) -> {
            long[] sent = sends.get(user);
            if (sent == null) {
                unmatched[0] += received.size();
                return;
            }
            long[] sorted = sent.clone();
            Arrays.sort(sorted);
            for (long at : received) {
                int i = Arrays.binarySearch(sorted, at);
                int last = i >= 0 ? i : -i - 2; // the last send at or before the receive
                if (last < 0) {
                    unmatched[0]++;
                } else {
                    latencies.record(at - sorted[last]);
                }
            }
        });
        return latencies;
    }
}
