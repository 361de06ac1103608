/**
 * A loader process: many WebSocket clients on one thread and one selector, reading frames in place, tracking per-
 * connection continuity and latency, and reporting on standard streams. Raw sockets only (package {@code ws}): must
 * not depend on the Java client or the servers.
 */
package io.switchboard.load.loader;
