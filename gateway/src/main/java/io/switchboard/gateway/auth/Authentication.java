package io.switchboard.gateway.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The outcome of authenticating an upgrade request. */
public sealed interface Authentication {
    /**
     * The connection may open as this identity.
     *
     * @param expiresAt when the credentials expire (the token's {@code exp}); empty for an anonymous connection
     */
    record Accepted(Identity identity, Optional<Instant> expiresAt) implements Authentication {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * The credentials are a well-formed reconnection token: the processor decides, by its hash, whether and as whom
     * the connection opens. The token itself is not kept.
     *
     * @param tokenHash {@link ReconnectionTokens#hash} of the token
     */
    record Resume(String tokenHash) implements Authentication {
        public Resume {
            Objects.requireNonNull(tokenHash, "tokenHash");
        }

        @Override
        public String toString() {
            return "Resume[tokenHash=…]";
        }
    }

    /**
     * The upgrade is refused with this HTTP status before any WebSocket frame.
     *
     * @param reason a short generic text for the response body; never contains a credential
     */
    record Rejected(int status, String reason) implements Authentication {}
}
