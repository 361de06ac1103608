package io.switchboard.launcher.users;

import io.switchboard.schemas.ChannelName;

/**
 * The user ids the role directory accepts: those that make a valid personal channel {@code user:<id>} (letters,
 * digits, {@code _ - . : @}, the whole channel at most 200 characters). The processor ignores an entry under any other
 * key.
 */
public final class UserIds {
    private UserIds() {}

    /**
     * Returns {@code id} when it is a valid user id.
     *
     * @throws IllegalArgumentException saying why it is not
     */
    public static String check(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("the user id is empty");
        }
        try {
            ChannelName.personal(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "' makes no valid personal channel: " + e.getMessage(), e);
        }
        return id;
    }

    /** Whether {@code id} is a valid user id. */
    static boolean isValid(String id) {
        try {
            check(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
