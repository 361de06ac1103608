package io.switchboard.launcher.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a replay reads, {@code [from, to)} of one partition, resolved once at the start: a time becomes the
 * first offset at or after it, a missing {@code --to} the end offset at that moment (under {@code read_committed},
 * the last stable offset), so a replay ends while new messages keep arriving. Both ends are kept within what the
 * partition retains.
 *
 * @param notes what the resolution changed, for the operator (an end beyond the partition, records expired)
 */
record ReplayWindow(TopicPartition partition, long from, long to, List<String> notes) {
    ReplayWindow {
        notes = List.copyOf(notes);
    }

    /** How many offsets the window spans (records, transaction markers and gaps alike). */
    long span() {
        return to - from;
    }

    /**
     * Resolves {@code from} and {@code to} against the partition.
     *
     * @throws ReplayArgumentException when an explicit {@code to} lies before {@code from}
     */
    static ReplayWindow resolve(
            Consumer<?, ?> consumer,
            TopicPartition partition,
            ReplayPosition from,
            Optional<ReplayPosition> to,
            Duration timeout) {
        long start = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        Lookup lookup = new Lookup(consumer, partition, end, timeout);
        long first = lookup.offset(from);
        long last = to.map(lookup::offset).orElse(end);
        if (to.isPresent() && last < first) {
            throw new ReplayArgumentException("--from (" + describe(from, first) + ") is after --to ("
                    + describe(to.get(), last) + ") in " + partition);
        }
        List<String> notes = new ArrayList<>();
        if (first < start) {
            notes.add("offsets before " + start + " are no longer retained: the window starts at " + start);
        }
        if (last > end) {
            notes.add("--to " + to.orElseThrow() + " is beyond the end of " + partition + " (" + end
                    + "): the window ends there");
        }
        if (first > end) {
            notes.add("--from " + from + " is beyond the end of " + partition + " (" + end + "): nothing to replay");
        }
        long clampedTo = clamp(last, start, end);
        return new ReplayWindow(partition, Math.min(clamp(first, start, end), clampedTo), clampedTo, notes);
    }

    private static String describe(ReplayPosition position, long offset) {
        return position instanceof ReplayPosition.Offset ? position.toString() : position + " = offset " + offset;
    }

    private static long clamp(long offset, long start, long end) {
        return Math.max(start, Math.min(offset, end));
    }

    /** Turns a position into an offset; a time after every record is the end. */
    private record Lookup(Consumer<?, ?> consumer, TopicPartition partition, long end, Duration timeout) {
        long offset(ReplayPosition position) {
            if (position instanceof ReplayPosition.Offset offset) {
                return offset.offset();
            }
            long millis = ((ReplayPosition.Time) position).time().toEpochMilli();
            OffsetAndTimestamp found =
                    consumer.offsetsForTimes(Map.of(partition, millis), timeout).get(partition);
            return found == null ? end : Math.min(found.offset(), end);
        }
    }
}
