package io.switchboard.launcher.acl;

import java.util.regex.Pattern;

/**
 * The role names an operator may use in the permission policy and in development tokens: lowercase letters, digits,
 * {@code _ . -}, as channel families. {@code anonymous} and {@code user} are roles too (see the policy semantics in
 * DESIGN.md).
 */
public final class RoleNames {
    private static final Pattern ROLE = Pattern.compile("[a-z0-9_.-]{1,100}");

    private RoleNames() {}

    /**
     * Returns {@code role} when it is a valid role name.
     *
     * @throws IllegalArgumentException naming the role and the rule it breaks
     */
    public static String check(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role '" + role + "' is not a role name: use 1-100 lowercase letters, "
                    + "digits, '_', '.' or '-'");
        }
        return role;
    }
}
