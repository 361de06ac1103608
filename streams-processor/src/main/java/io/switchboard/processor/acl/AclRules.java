package io.switchboard.processor.acl;

import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an {@link AclRule} allows, and copies of a rule with a role's permissions changed. Shared by the processor
 * (enforcement) and the {@code switchboard acl} CLI (changes), so both read a rule the same way.
 *
 * <p>A requester may do P when the rule gives P to {@value #ANONYMOUS_ROLE} for an anonymous connection; for an
 * authenticated one, to any of its roles the rule names, or to {@value #USER_ROLE} when it has a role the rule does
 * not name or no role at all. A role named with an empty list gets nothing and does not fall back to {@value
 * #USER_ROLE}.
 */
public final class AclRules {
    /** The role of a connection without credentials. */
    public static final String ANONYMOUS_ROLE = "anonymous";
    /** The role that stands for any authenticated role a rule does not name. */
    public static final String USER_ROLE = "user";

    private AclRules() {}

    /** Whether {@code rule} gives {@code p} to {@code requester}; a {@code null} rule gives nothing. */
    static boolean allows(AclRule rule, Requester requester, Permission p) {
        if (rule == null) {
            return false;
        }
        Map<String, List<Permission>> roles = roles(rule);
        if (requester.anonymous()) {
            return has(roles.get(ANONYMOUS_ROLE), p);
        }
        boolean unnamedRole = requester.roles().isEmpty();
        for (String role : requester.roles()) {
            // An authenticated role called "anonymous" is not the anonymous connection: it counts as unnamed.
            if (roles.containsKey(role) && !role.equals(ANONYMOUS_ROLE)) {
                if (has(roles.get(role), p)) {
                    return true;
                }
            } else {
                unnamedRole = true;
            }
        }
        return unnamedRole && has(roles.get(USER_ROLE), p);
    }

    /**
     * A copy of {@code rule} ({@code null}: a new empty rule) in which {@code role} also has {@code perms}. A role
     * the rule did not name starts from what it had through {@value #USER_ROLE}, so granting never takes a
     * permission away.
     */
    public static AclRule grant(AclRule rule, String role, Set<Permission> perms, String updatedBy, Instant at) {
        EnumSet<Permission> now = effective(rule, requireRole(role));
        now.addAll(perms);
        return withRole(rule, role, now, updatedBy, at);
    }

    /**
     * A copy of {@code rule} ({@code null}: a new empty rule) in which {@code role} no longer has {@code perms}. The
     * role stays named, possibly with an empty list, so it does not fall back to {@value #USER_ROLE}; a role the rule
     * did not name keeps the rest of what it had through {@value #USER_ROLE}.
     */
    public static AclRule revoke(AclRule rule, String role, Set<Permission> perms, String updatedBy, Instant at) {
        EnumSet<Permission> now = effective(rule, requireRole(role));
        now.removeAll(perms);
        return withRole(rule, role, now, updatedBy, at);
    }

    /** A summary for tables: {@code "S P"}, {@code "S"}, {@code "P"}, or {@code "—"} for nothing (or {@code null}). */
    public static String describe(List<Permission> perms) {
        if (perms == null || perms.isEmpty()) {
            return "—";
        }
        return EnumSet.copyOf(perms).stream().map(p -> p.name().substring(0, 1)).collect(Collectors.joining(" "));
    }

    /** The inverse of {@link #describe}: {@code "S P"} to both permissions, {@code "—"} or blank to none. */
    static EnumSet<Permission> parse(String summary) {
        EnumSet<Permission> perms = EnumSet.noneOf(Permission.class);
        for (String letter : summary.trim().split("\\s+")) {
            switch (letter) {
                case "S" -> perms.add(Permission.SUBSCRIBE);
                case "P" -> perms.add(Permission.PUBLISH);
                case "—", "" -> {}
                default -> throw new IllegalArgumentException("not a permission letter: '" + letter + "'");
            }
        }
        return perms;
    }

    private static Map<String, List<Permission>> roles(AclRule rule) {
        return rule == null || rule.getRoles() == null ? Map.of() : rule.getRoles();
    }

    private static boolean has(List<Permission> perms, Permission p) {
        return perms != null && perms.contains(p);
    }

    // What a requester holding only this role may do now: its own list, or the "user" fallback when unnamed.
    private static EnumSet<Permission> effective(AclRule rule, String role) {
        Map<String, List<Permission>> roles = roles(rule);
        List<Permission> perms = roles.get(role);
        if (perms == null && !role.equals(ANONYMOUS_ROLE)) {
            perms = roles.get(USER_ROLE);
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        if (perms != null) {
            set.addAll(perms);
        }
        return set;
    }

    private static AclRule withRole(
            AclRule rule, String role, EnumSet<Permission> perms, String updatedBy, Instant at) {
        Map<String, List<Permission>> roles = new TreeMap<>();
        roles(rule).forEach((name, list) -> roles.put(name, list == null ? List.of() : new ArrayList<>(list)));
        roles.put(role, new ArrayList<>(perms)); // enum order: SUBSCRIBE before PUBLISH
        return AclRule.newBuilder()
                .setRoles(roles)
                .setUpdatedAt(Objects.requireNonNull(at, "at"))
                .setUpdatedBy(updatedBy)
                .build();
    }

    private static String requireRole(String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role is empty");
        }
        return role;
    }
}
