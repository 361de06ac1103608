package io.switchboard.gateway.server;

import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.OriginPolicy;
import io.switchboard.gateway.routing.PendingResumes;

/**
 * What decides an upgrade request ({@link UpgradeHandler}).
 *
 * @param authenticator decides the credentials, after the origin
 * @param origins the Origin allowlist, checked before the credentials
 * @param resumes where a {@code resume=} handshake waits for the processor
 */
public record Admission(Authenticator authenticator, OriginPolicy origins, PendingResumes resumes) {}
