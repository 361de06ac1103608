/**
 * Kafka client and Kafka Streams meters (Micrometer binders) and a readiness check read from a client's own metrics,
 * without sending a request. Kafka Streams classes are touched only in {@link
 * io.switchboard.observability.kafka.KafkaStreamsObservability}, so a deployable without Streams (the gateway) never
 * loads them.
 */
package io.switchboard.observability.kafka;
