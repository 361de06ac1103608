package io.switchboard.gateway.kafka;

import io.switchboard.schemas.SourceHeader;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;

/**
 * Per source partition, the highest {@link SourceHeader source offset} passed in one output partition: what tells a
 * copy of a delivery, routed again by a processor that crashed before its commit, from a new one.
 *
 * <p>Within one output partition the deliveries of one source partition are written in source order (one stream task
 * per source partition, an idempotent producer), and a processor that routes again starts from its last commit, so a
 * delivery whose source offset is at or below the highest passed for its source partition is a copy of an earlier
 * record of this output partition, and nothing else is. Which channel either record is on does not matter, so any
 * earlier record of the partition may be passed, and two readers' marks of the same partition may be merged. Records
 * without the header (a client's publish, a replayed copy) always pass. Not thread-safe: one reader at a time.
 */
final class SourceWatermarks {
    private static final long NONE = -1;

    private long[] highest = new long[0];

    /**
     * Whether the record is new: false for a copy of one passed before. A new record's source offset becomes its
     * partition's mark.
     */
    boolean pass(Headers headers) {
        byte[] value = SourceHeader.of(headers).orElse(null);
        if (value == null) {
            return true;
        }
        int partition = SourceHeader.partition(value);
        long offset = SourceHeader.offset(value);
        if (partition < 0) {
            return true; // not a partition: nothing to compare with
        }
        if (partition >= highest.length) {
            int length = highest.length;
            highest = Arrays.copyOf(highest, partition + 1);
            Arrays.fill(highest, length, highest.length, NONE);
        }
        if (offset <= highest[partition]) {
            return false;
        }
        highest[partition] = offset;
        return true;
    }

    /** Takes in the marks of another reader of the same output partition that read only records before this one's. */
    void merge(SourceWatermarks earlier) {
        if (earlier.highest.length > highest.length) {
            int length = highest.length;
            highest = Arrays.copyOf(highest, earlier.highest.length);
            Arrays.fill(highest, length, highest.length, NONE);
        }
        for (int partition = 0; partition < earlier.highest.length; partition++) {
            highest[partition] = Math.max(highest[partition], earlier.highest[partition]);
        }
    }
}
