/**
 * Reconnection tokens and the sessions they restore: issuing one-time tokens, keeping {@code sessions-store} in step
 * with {@code switchboard.sessions}, and answering {@code Resume}. Kafka Streams Processor API; must not use Kafka
 * clients of its own or the graph API (ArchitectureTest).
 */
package io.switchboard.processor.sessions;
