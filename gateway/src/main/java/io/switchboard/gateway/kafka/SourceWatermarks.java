package io.switchboard.gateway.kafka;

import io.switchboard.schemas.SourceHeader;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;

/**
 * Per source partition, the highest {@link SourceHeader source position} (event offset, then delivery index) passed
 * in one output partition: what tells a copy of a delivery, routed again by a processor that crashed before its
 * commit, from a new one.
 *
 * <p>Within one output partition the deliveries of one source partition are written in the order of (offset, index)
 * (one stream task per source partition, the deliveries of one event in index order, an idempotent producer), and a
 * processor that routes again starts from its last commit, so a delivery at or below the highest position passed for
 * its source partition is a copy of an earlier record of this output partition, and nothing else is. Which channel
 * either record is on does not matter, so any earlier record of the partition may be passed, and two readers' marks of
 * the same partition may be merged. Records without the header (a client's publish, a replayed copy) always pass.
 * Not thread-safe: one reader at a time.
 */
final class SourceWatermarks {
    private static final long NONE = -1;

    private long[] offsets = new long[0];
    private int[] indexes = new int[0];

    /**
     * Whether the record is new: false for a copy of one passed before. A new record's position becomes its source
     * partition's mark.
     */
    boolean pass(Headers headers) {
        byte[] value = SourceHeader.of(headers).orElse(null);
        if (value == null) {
            return true;
        }
        int partition = SourceHeader.partition(value);
        if (partition < 0) {
            return true; // not a partition: nothing to compare with
        }
        long offset = SourceHeader.offset(value);
        int index = SourceHeader.index(value);
        grow(partition + 1);
        if (!after(offset, index, offsets[partition], indexes[partition])) {
            return false;
        }
        offsets[partition] = offset;
        indexes[partition] = index;
        return true;
    }

    /** Takes in the marks of another reader of the same output partition that read only records before this one's. */
    void merge(SourceWatermarks earlier) {
        grow(earlier.offsets.length);
        for (int partition = 0; partition < earlier.offsets.length; partition++) {
            if (after(earlier.offsets[partition], earlier.indexes[partition], offsets[partition], indexes[partition])) {
                offsets[partition] = earlier.offsets[partition];
                indexes[partition] = earlier.indexes[partition];
            }
        }
    }

    private static boolean after(long offset, int index, long markOffset, int markIndex) {
        return offset > markOffset || (offset == markOffset && index > markIndex);
    }

    private void grow(int partitions) {
        if (partitions > offsets.length) {
            int length = offsets.length;
            offsets = Arrays.copyOf(offsets, partitions);
            indexes = Arrays.copyOf(indexes, partitions);
            Arrays.fill(offsets, length, partitions, NONE);
        }
    }
}
