package io.switchboard.load.producer;

/**
 * What the producer did.
 *
 * @param produced events handed to the Kafka producer (sequence numbers 1 to this)
 * @param failed sends the producer reported as failed
 * @param warmupEvents events before the measured window
 * @param seconds wall time from the first send to the last
 * @param maxLateMillis how far behind its schedule the pacing loop fell at worst
 */
public record ProducerResult(long produced, long failed, long warmupEvents, double seconds, double maxLateMillis) {}
