/**
 * The gateway's front door: {@link io.switchboard.gateway.SwitchboardGateway} wires the packages below into a running
 * gateway and stops them in order, from a few package-private parts: {@code Access} (authentication, checked before
 * Kafka is contacted), {@code Telemetry} (meters and health), {@code Backbone} (the Kafka side) and {@code Teardown}
 * (what was started, closed in reverse order). Launchers and tests start a gateway through this class and {@code
 * config}, never through the packages it wires.
 */
package io.switchboard.gateway;
