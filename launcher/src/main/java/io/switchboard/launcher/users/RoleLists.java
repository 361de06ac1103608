package io.switchboard.launcher.users;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Role lists as operators write and read them: comma-separated names ({@code admin,viewer}); an empty text is the
 * empty list ("no roles"). A name is any non-blank text without commas, spaces around it dropped; the order is kept
 * and a repeated name counts once, as in {@code UserEntryCodec}.
 */
public final class RoleLists {
    /** How an empty list is shown in a table. */
    static final String NONE = "—";

    private RoleLists() {}

    /**
     * Parses {@code admin,viewer}.
     *
     * @throws IllegalArgumentException when a name is blank ({@code admin,,viewer})
     */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : text.split(",", -1)) {
            if (role.isBlank()) {
                throw new IllegalArgumentException("a role name must not be blank: '" + text + "'");
            }
            roles.add(role.strip());
        }
        return List.copyOf(roles);
    }

    /** The list as an operator writes it, {@code admin,viewer}, or {@link #NONE} when it is empty. */
    public static String format(List<String> roles) {
        return roles.isEmpty() ? NONE : String.join(",", roles);
    }

    /** Whether two lists name the same roles, in whatever order. */
    public static boolean sameRoles(List<String> a, List<String> b) {
        return Set.copyOf(a).equals(Set.copyOf(b));
    }
}
