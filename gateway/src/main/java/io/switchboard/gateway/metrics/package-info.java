/**
 * The gateway's meters (Micrometer), registered up front with one method per event, and the periodic summary published
 * on the {@code connections} channel. Must not use Undertow or Kafka clients: the packages that see an event call
 * these meters.
 */
package io.switchboard.gateway.metrics;
