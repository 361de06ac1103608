/**
 * The Kafka contract shared by the gateway, the processor and the launcher: the topic catalogue, channel names, serdes
 * of the Avro records, the JSON and Avro domain-event and user-entry formats, and the bounded payload deflater and
 * inflater. See docs/design.md, "Topics". Must not depend on the gateway, the processor or the launcher: modules
 * depend on it, never the reverse.
 */
package io.switchboard.schemas;
