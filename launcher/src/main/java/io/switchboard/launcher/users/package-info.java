/**
 * The role directory ({@code <prefix>.users}) as the {@code switchboard users} commands read and write it: entries as
 * the processor sees them, role lists, user ids, the printed table. Plain Kafka clients: must not start servers or
 * depend on {@code cli} (ArchitectureTest).
 */
package io.switchboard.launcher.users;
