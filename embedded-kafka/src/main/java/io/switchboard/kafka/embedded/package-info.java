/**
 * A real single-node KRaft Kafka (combined broker and controller) in the JVM, for {@code switchboard dev}, the load
 * harness and tests, plus a JUnit 5 extension and free loopback ports in 20000-29999. It depends on Kafka's server
 * code (and JUnit, for the extension); it must not depend on any Switchboard module.
 */
package io.switchboard.kafka.embedded;
