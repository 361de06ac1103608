package io.switchboard.processor.users;

import io.switchboard.schemas.ChannelName;

/**
 * The key layout of {@code users-store}, which holds the directory and its role index side by side so that one
 * record of {@code switchboard.users} changes both in the same store:
 *
 * <pre>
 * u NUL &lt;user&gt;              -&gt; the user's UserEntry (Avro single-object bytes)
 * r NUL &lt;role&gt; NUL &lt;user&gt;   -&gt; empty: the user holds the role
 * </pre>
 *
 * The store orders keys by their UTF-8 bytes, so the holders of a role are the keys under {@code r NUL <role> NUL},
 * in user-id order. A user id makes a valid personal channel and a role name holds no NUL, so no key is ambiguous.
 */
final class UserKeys {
    private static final char NUL = '\u0000';
    private static final String ENTRY = "u" + NUL;
    private static final String HOLDER = "r" + NUL;

    private UserKeys() {}

    /** Whether {@code user} can be in the directory: it makes a valid personal channel {@code user:<id>}. */
    static boolean isUser(String user) {
        return ChannelName.isValidUserId(user);
    }

    /** Whether {@code role} can be indexed: not blank, and no NUL (the separator of the index keys). */
    static boolean isRole(String role) {
        return role != null && !role.isBlank() && role.indexOf(NUL) < 0;
    }

    /** The key of a user's entry. */
    static String entry(String user) {
        return ENTRY + user;
    }

    /** The index key saying that {@code user} holds {@code role}. */
    static String holder(String role, String user) {
        return holdersOf(role) + user;
    }

    /** The prefix of every index key of {@code role}. */
    static String holdersOf(String role) {
        return HOLDER + role + NUL;
    }

    /** The user of an index key made by {@link #holder}. */
    static String userOf(String holderKey) {
        return holderKey.substring(holderKey.lastIndexOf(NUL) + 1);
    }
}
