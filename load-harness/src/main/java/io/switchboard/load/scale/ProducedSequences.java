package io.switchboard.load.scale;

import java.util.Map;

/**
 * What the scale producer sent: the last sequence number of each channel (shared and personal), so that each
 * client can tell what it never received.
 *
 * @param produced events in all
 * @param failed sends that failed
 * @param seconds how long producing took
 * @param lastSeq channel → its last sequence number
 */
public record ProducedSequences(long produced, long failed, double seconds, Map<String, Long> lastSeq) {
    /** The last sequence number sent on {@code channel}, 0 when none was. */
    public long last(String channel) {
        return lastSeq.getOrDefault(channel, 0L);
    }
}
