package io.switchboard.processor.acl;

import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * DESIGN.md's default permission policy, which the processor seeds into an empty ACL topic. Every one of the six
 * columns is written explicitly per family, so a later change to one role never shifts another through the
 * {@value AclRules#USER_ROLE} fallback. Personal channels ({@code user:*}) are built in and not part of it.
 */
public final class DefaultPolicy {
    /** The {@code updatedBy} of the seeded rules. */
    static final String SEEDED_BY = "default-policy";

    /** The columns of DESIGN.md's table, in its order. */
    static final List<String> ROLES =
            List.of("admin", "developer", "viewer", "bot", AclRules.ANONYMOUS_ROLE, AclRules.USER_ROLE);

    // family pattern, then one cell per role in ROLES order; "S" = subscribe, "P" = publish, "—" = nothing.
    private static final List<List<String>> TABLE = List.of(
            List.of("metrics", "S P", "S", "S", "S", "S", "S"),
            List.of("signals", "S P", "S", "—", "S", "—", "—"),
            List.of("actions", "S P", "S", "—", "—", "—", "—"),
            List.of("logs", "S P", "S", "—", "—", "—", "—"),
            List.of("status", "S P", "S", "S", "S", "S", "S"),
            List.of("connections", "S P", "—", "—", "—", "—", "—"),
            List.of("broadcasts", "S P", "S", "S", "S", "—", "S"),
            List.of("track_comments:*", "S P", "S P", "S P", "S", "—", "S P"),
            List.of("forum_threads:*", "S P", "S P", "S P", "S", "—", "S P"),
            List.of("forum_global", "S P", "S P", "S P", "S", "—", "S P"),
            List.of("book_requests", "S P", "—", "—", "—", "—", "—"));

    private DefaultPolicy() {}

    /** Every rule of the default policy by ACL key, stamped {@code at} and {@value #SEEDED_BY}. */
    public static SortedMap<String, AclRule> rules(Instant at) {
        SortedMap<String, AclRule> rules = new TreeMap<>();
        for (List<String> row : TABLE) {
            rules.put(FamilyPattern.parse(row.get(0)).key(), rule(row.subList(1, row.size()), at));
        }
        return Collections.unmodifiableSortedMap(rules);
    }

    private static AclRule rule(List<String> cells, Instant at) {
        Map<String, List<Permission>> roles = new TreeMap<>();
        for (int i = 0; i < ROLES.size(); i++) {
            roles.put(ROLES.get(i), new ArrayList<>(AclRules.parse(cells.get(i))));
        }
        return AclRule.newBuilder()
                .setRoles(roles)
                .setUpdatedAt(at)
                .setUpdatedBy(SEEDED_BY)
                .build();
    }
}
