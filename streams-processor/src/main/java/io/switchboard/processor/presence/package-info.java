/**
 * Presence: who holds each channel of a presence-enabled family, kept in {@code presence-store} and {@code
 * presence-counts-store} from the changes {@code answer-actions} sends through {@code switchboard.presence} keyed by
 * channel; join and leave notices to the channels' output topics; the pages of presence answers. Kafka Streams
 * Processor API over state stores; must not use Kafka clients of its own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.presence;
