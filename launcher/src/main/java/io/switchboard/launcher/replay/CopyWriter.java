package io.switchboard.launcher.replay;

import java.util.OptionalLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Where a replay sends its copies: Kafka, or nowhere in a dry run. */
interface CopyWriter {
    /** A dry run's writer: it writes nothing. */
    CopyWriter NOWHERE = new CopyWriter() {
        @Override
        public void send(ProducerRecord<String, byte[]> copy) {}

        @Override
        public void flush() {}

        @Override
        public long written() {
            return 0;
        }

        @Override
        public OptionalLong firstOffset() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong lastOffset() {
            return OptionalLong.empty();
        }
    };

    /**
     * Sends one copy, after every copy sent before it.
     *
     * @throws IllegalStateException when an earlier copy failed: the replay stops there
     */
    void send(ProducerRecord<String, byte[]> copy);

    /**
     * Waits until every copy sent is written.
     *
     * @throws IllegalStateException when a copy failed
     */
    void flush();

    /** How many copies Kafka has acknowledged. */
    long written();

    /** The offset of the first copy written, in the target partition. */
    OptionalLong firstOffset();

    /** The offset of the last copy written, in the target partition. */
    OptionalLong lastOffset();
}
