package io.switchboard.gateway.auth;

/**
 * Decides who an upgrade request is, before the upgrade. Runs on a server worker thread, not an I/O thread: it may
 * block briefly (fetching a JWKS, with bounded timeouts). Thread-safe.
 */
public interface Authenticator {
    Authentication authenticate(Credentials credentials);
}
