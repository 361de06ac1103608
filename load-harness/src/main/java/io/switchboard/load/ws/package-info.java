/**
 * The minimal RFC 6455 client side the loaders need: the upgrade, masked client frames, and a parser that finds server
 * frames in a buffer without copying. Plain Java: no WebSocket library, no Switchboard code.
 */
package io.switchboard.load.ws;
