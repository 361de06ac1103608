/**
 * The floor: a minimal broadcaster on the JDK's NIO alone, which fans the load's Kafka records out to the loaders'
 * WebSocket clients with none of Switchboard's work (no policy, no queues per connection beyond the socket's own
 * backlog, no Undertow). Measured with the same loaders, placement and core as the gateway, it shows what the
 * kernel and one thread's writes cost on this machine, so the gateway's figures can be read against it. It must not
 * use the rest of the harness beyond {@code ws}.
 */
package io.switchboard.load.floor;
