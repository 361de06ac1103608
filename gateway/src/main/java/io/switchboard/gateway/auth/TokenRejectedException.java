package io.switchboard.gateway.auth;

/**
 * A token did not verify. The message says why, for a debug log; it never contains the token, and clients get only
 * a generic reason.
 */
public final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TokenRejectedException(String reason) {
        super(reason);
    }
}
