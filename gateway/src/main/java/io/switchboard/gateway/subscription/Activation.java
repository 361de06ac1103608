package io.switchboard.gateway.subscription;

import io.switchboard.gateway.protocol.Position;
import java.util.Objects;

/**
 * What the {@code subscribed} frame of an activated channel says, and where the session's delivery of it starts.
 *
 * @param position where the live stream continues (the frame's {@code position})
 * @param recovered whether the {@code since} of the subscribe is honoured; null when it carried none
 * @param startsAfter the position after which the session receives every message of the channel: {@code position},
 *     or the {@code since} being recovered from
 */
public record Activation(Position position, Boolean recovered, Position startsAfter) {
    public Activation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(startsAfter, "startsAfter");
    }

    /** Live from {@code position} on, with this answer to a {@code since} (null: there was none). */
    public static Activation live(Position position, Boolean recovered) {
        return new Activation(position, recovered, position);
    }
}
