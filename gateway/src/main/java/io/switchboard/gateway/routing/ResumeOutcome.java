package io.switchboard.gateway.routing;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.Position;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What became of a {@code resume=} handshake ({@link PendingResumes}). */
public sealed interface ResumeOutcome {
    /**
     * The processor restored a session: the connection opens with the id chosen when the resume started, as this
     * identity, and subscribes again to each channel after its position (with presence where the old one had it).
     *
     * @param credentialsExpireAt when the credentials of the resumed connection expire; empty for never
     * @param channels the restored channels in the processor's order, each with the last position delivered
     */
    record Restored(
            String connectionId, Identity identity, Optional<Instant> credentialsExpireAt, List<Channel> channels)
            implements ResumeOutcome {
        public Restored {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(credentialsExpireAt, "credentialsExpireAt");
            channels = List.copyOf(channels);
        }
    }

    /**
     * The upgrade is refused with this HTTP status: 401 for a token the processor refused, 503 when it did not answer
     * in time or the action could not be written.
     *
     * @param reason a short generic text for the response body
     */
    record Refused(int status, String reason) implements ResumeOutcome {}

    /**
     * A restored channel and the position its delivery continues after.
     *
     * @param presence whether the old connection asked for the channel's join and leave frames, which the new one
     *     then gets as well
     */
    record Channel(String name, Position since, boolean presence) {
        public Channel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(since, "since");
        }
    }
}
