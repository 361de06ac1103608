/**
 * The gateway's front door: {@link io.switchboard.gateway.SwitchboardGateway} wires the packages below into a running
 * gateway and stops them in order. Launchers and tests start a gateway through this class and {@code config}, never
 * through the packages it wires.
 */
package io.switchboard.gateway;
