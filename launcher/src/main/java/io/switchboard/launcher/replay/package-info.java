/**
 * Operator replay: re-delivers a window of one channel's partition, to the channel or to one user's personal channel,
 * as copies marked {@code replayed}, with an idempotent producer. Depends on {@code schemas} and Kafka clients only:
 * must not start servers or depend on {@code cli} (ArchitectureTest).
 */
package io.switchboard.launcher.replay;
