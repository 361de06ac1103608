package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.AclRule;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Tells whether the ACL changed since the last look, by comparing a copy of every rule in {@code acl-store} with
 * the copy taken then. The ACL is a few dozen small rules, so an exact copy costs less than thinking about hash
 * collisions, and a missed change would be a missed revocation. Any rewrite of a rule counts as a change (its
 * {@code updatedAt} moves), which at worst costs one needless re-check.
 */
final class AclChangeWatch {
    private final ReadOnlyKeyValueStore<String, AclRule> acl;
    // null until the first look: the first look always reports a change, so subscriptions restored after a restart
    // are checked against whatever the ACL became while this task was away.
    private Map<String, AclRule> lastSeen;

    AclChangeWatch(ReadOnlyKeyValueStore<String, AclRule> acl) {
        this.acl = acl;
    }

    /** Whether the ACL differs from the last look (always true the first time). */
    boolean changed() {
        Map<String, AclRule> now = new HashMap<>();
        try (KeyValueIterator<String, AclRule> rules = acl.all()) {
            rules.forEachRemaining(rule -> now.put(rule.key, rule.value));
        }
        boolean changed = !now.equals(lastSeen);
        lastSeen = now;
        return changed;
    }
}
