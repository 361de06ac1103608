package io.switchboard.gateway.kafka;

import org.apache.kafka.common.TopicPartition;

/** The output topics the delivery thread reads live (see {@link OutputAssignment}). Delivery thread only. */
interface LiveTopics {
    /**
     * The family's topic, read from its end if the family is new.
     *
     * @throws IllegalStateException with a client-fit message when the topic cannot be read
     */
    FamilyTopic acquire(String family);

    /** Stops reading the family's topic. */
    void release(String family);

    /** The offset of the next record the live reader will fan out from this partition. */
    long position(TopicPartition partition);
}
