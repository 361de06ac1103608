/**
 * The short-lived Kafka clients of the client commands ({@code acl}, {@code users}, {@code replay}): client properties
 * with every wait bounded, bounded calls with clear errors, and the admin questions they ask. Plain Kafka clients:
 * must not start servers or depend on {@code cli} (ArchitectureTest).
 */
package io.switchboard.launcher.kafka;
