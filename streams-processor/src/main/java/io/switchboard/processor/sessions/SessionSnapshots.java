package io.switchboard.processor.sessions;

import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssuedToken;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a reconnection token restores, built from a connection's state and the positions its gateway reported. */
public final class SessionSnapshots {
    private SessionSnapshots() {}

    /**
     * The session of the connection {@code state} for {@code token}: its user, roles and the channels it holds with
     * their positions ({@link #held}).
     */
    public static SessionSnapshot of(ConnectionState state, List<ChannelPosition> delivered, IssuedToken token) {
        return SessionSnapshot.newBuilder()
                .setUserId(state.getUserId())
                .setRoles(List.copyOf(state.getRoles()))
                .setCredentialsExpireAt(token.getCredentialsExpireAt())
                .setChannels(held(state.getChannels(), delivered))
                .setExpiresAt(token.getExpiresAt())
                .setUsed(false)
                .build();
    }

    /**
     * The reported positions of the channels the connection holds, in the order reported, the first report of a
     * channel winning. A reported channel the connection does not hold (never granted, or ended since) is left out:
     * a token never restores more than the processor granted. A held channel without a reported position is left
     * out as well, since no position here could stand for "what this connection last saw".
     */
    static List<ChannelPosition> held(List<String> granted, List<ChannelPosition> delivered) {
        Set<String> holds = Set.copyOf(granted);
        Set<String> seen = new HashSet<>();
        List<ChannelPosition> kept = new ArrayList<>();
        for (ChannelPosition position : delivered) {
            if (holds.contains(position.getChannel()) && seen.add(position.getChannel())) {
                kept.add(ChannelPosition.newBuilder(position).build());
            }
        }
        return kept;
    }

    /** The same session, used: every later resume with its token is refused. */
    static SessionSnapshot used(SessionSnapshot snapshot) {
        return SessionSnapshot.newBuilder(snapshot).setUsed(true).build();
    }

    /** The reply that hands {@code snapshot} to the resuming connection's gateway. */
    static Resumed resumed(SessionSnapshot snapshot) {
        return Resumed.newBuilder()
                .setUserId(snapshot.getUserId())
                .setRoles(List.copyOf(snapshot.getRoles()))
                .setCredentialsExpireAt(snapshot.getCredentialsExpireAt())
                .setChannels(List.copyOf(snapshot.getChannels()))
                .build();
    }
}
