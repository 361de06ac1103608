/**
 * The event source of a load run: a plain Kafka producer with the client's defaults, in its own process, pacing events
 * at a rate. Must not use Switchboard's own Kafka code, so that the load is what any domain service would produce.
 */
package io.switchboard.load.producer;
