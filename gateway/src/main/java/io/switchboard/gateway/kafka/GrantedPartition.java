package io.switchboard.gateway.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * The partition a granted channel is read from, as it was when the grant was applied.
 *
 * @param family the channel's family, whose topic holds the partition
 * @param epoch the partition's epoch: positions of another epoch cannot be recovered from
 * @param liveAtGrant the live position of the partition when the grant was applied
 */
record GrantedPartition(String family, TopicPartition partition, String epoch, long liveAtGrant) {}
