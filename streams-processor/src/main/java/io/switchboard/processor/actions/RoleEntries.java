package io.switchboard.processor.actions;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.processor.users.RolesSeenAtConnect;
import io.switchboard.schemas.avro.ClientAction;

/**
 * Writes a new role directory entry to {@code switchboard.users} when an authenticated connection brings roles that
 * differ from its user's entry, or the user has none ({@link RolesSeenAtConnect}), so that events to its roles reach
 * it from then on, online or not.
 */
final class RoleEntries {
    private final RolesSeenAtConnect rolesSeen;
    private final ActionOutputs outputs;
    private final ProcessorMetrics.Counter written;

    RoleEntries(RolesSeenAtConnect rolesSeen, ActionOutputs outputs, ProcessorMetrics.Counter written) {
        this.rolesSeen = rolesSeen;
        this.outputs = outputs;
        this.written = written;
    }

    void record(ClientAction action, long timestamp) {
        rolesSeen
                .entryToWrite(action.getUserId(), action.getRoles(), action.getTime())
                .ifPresent(entry -> {
                    outputs.userEntry(action.getUserId(), entry, timestamp);
                    written.increment();
                });
    }
}
