/**
 * Which local sessions receive which channel ({@link io.switchboard.gateway.subscription.ChannelIndex}) and the
 * commands that start and stop deliveries. Plain Java, owned by the delivery thread: must not use Undertow or Kafka
 * clients.
 */
package io.switchboard.gateway.subscription;
