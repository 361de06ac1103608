/**
 * The load harness ({@code ./load-test}): reproduces an outside load test of Switchboard on one machine. This package
 * holds the one clock its processes share. The harness drives the servers as a user would, through their processes,
 * sockets and Kafka: it must not depend on the gateway, processor or launcher code.
 */
package io.switchboard.load;
