/**
 * Delivery receipts: the messages that asked for them, read back from the output topics with their offsets ({@code
 * await-receipts}), meet the acks of their channels ({@code answer-actions}) through {@code switchboard.receipt-commands}
 * keyed by channel, in {@code keep-receipts}; each receipt goes to {@code switchboard.receipts} and, for a socket
 * publisher, to its personal channel. Kafka Streams Processor API over state stores; must not use Kafka clients of its
 * own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.receipts;
