package io.switchboard.launcher.acl;

import io.switchboard.launcher.TextTable;
import io.switchboard.processor.acl.AclRules;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Permission rules as a text table, the way {@code switchboard acl} prints them: the family pattern, one column per
 * role found (DESIGN.md's roles first, in its order, then the others by name), then when and by whom the rule was
 * last changed. A cell is {@code S P}, {@code S}, {@code P} or {@code —}; {@code (user)} marks a role the rule does not
 * name, which gets what {@code user} gets.
 */
public final class AclTable {
    /** DESIGN.md's columns, in its order. */
    static final List<String> KNOWN_ROLES =
            List.of("admin", "developer", "viewer", "bot", AclRules.ANONYMOUS_ROLE, AclRules.USER_ROLE);

    static final String FALLBACK = "(user)";

    private final Map<String, AclRule> rows = new LinkedHashMap<>();

    /** Adds a row: {@code label} (usually the family pattern) and its rule. */
    AclTable row(String label, AclRule rule) {
        rows.put(label, rule);
        return this;
    }

    /** Adds a row per rule, labelled by its family pattern, in the map's order. */
    public AclTable rows(Map<String, AclRule> rules) {
        rules.forEach(this::row);
        return this;
    }

    /** The table's lines: a header, then one line per row, columns separated by at least two spaces. */
    public List<String> lines() {
        List<String> roles = roles();
        List<String> header = new ArrayList<>(List.of("FAMILY"));
        header.addAll(roles);
        header.addAll(List.of("UPDATED AT", "UPDATED BY"));
        TextTable table = new TextTable(header);
        rows.forEach((label, rule) -> table.row(cells(label, rule, roles)));
        return table.lines();
    }

    private List<String> roles() {
        Set<String> found = new TreeSet<>();
        rows.values().forEach(rule -> found.addAll(rule.getRoles().keySet()));
        List<String> ordered = new ArrayList<>();
        KNOWN_ROLES.stream().filter(found::contains).forEach(ordered::add);
        found.stream().filter(role -> !KNOWN_ROLES.contains(role)).forEach(ordered::add);
        return ordered;
    }

    private static List<String> cells(String label, AclRule rule, List<String> roles) {
        List<String> row = new ArrayList<>(List.of(label));
        roles.forEach(role -> row.add(cell(rule.getRoles(), role)));
        row.add(TextTable.time(rule.getUpdatedAt()));
        row.add(rule.getUpdatedBy() == null ? "" : rule.getUpdatedBy());
        return row;
    }

    private static String cell(Map<String, List<Permission>> roles, String role) {
        List<Permission> perms = roles.get(role);
        boolean special = role.equals(AclRules.ANONYMOUS_ROLE) || role.equals(AclRules.USER_ROLE);
        return perms == null && !special ? FALLBACK : AclRules.describe(perms);
    }
}
