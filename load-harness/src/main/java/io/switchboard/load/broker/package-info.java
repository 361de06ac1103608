/**
 * The external Kafka broker of a load run, in a process of its own, built on {@code embedded-kafka}. Must not depend
 * on Switchboard's servers.
 */
package io.switchboard.load.broker;
