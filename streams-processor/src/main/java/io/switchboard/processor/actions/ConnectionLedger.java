package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssuedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The live connections of one task and the channels granted to each, in {@code connections-store} (key: connection
 * id). Actions of one connection share its key in {@code switchboard.actions}, so they all reach the task that
 * holds its entry. A connection the store never saw connect (its Connect predates the store) is created from the
 * first action that needs it. Each connection also remembers the reconnection tokens issued to it ({@link
 * #remember}).
 */
final class ConnectionLedger {
    private final KeyValueStore<String, ConnectionState> store;

    ConnectionLedger(KeyValueStore<String, ConnectionState> store) {
        this.store = store;
    }

    /**
     * Records a new connection holding {@code channels}; replaces any entry of the same id, and returns the replaced
     * one, whose channels are no longer held.
     */
    Optional<ConnectionState> open(ClientAction action, List<String> channels) {
        ConnectionState replaced = store.get(action.getConnectionId());
        store.put(action.getConnectionId(), fresh(action, channels));
        return Optional.ofNullable(replaced);
    }

    /**
     * Adds a granted channel to the connection of {@code action}; true when the connection did not hold it yet (a
     * second subscribe to a channel changes nothing).
     */
    boolean grant(ClientAction action, String channel) {
        ConnectionState state = store.get(action.getConnectionId());
        if (state == null) {
            store.put(action.getConnectionId(), fresh(action, List.of(channel)));
            return true;
        } else if (!state.getChannels().contains(channel)) {
            List<String> channels = new ArrayList<>(state.getChannels());
            channels.add(channel);
            store.put(action.getConnectionId(), withChannels(state, channels));
            return true;
        }
        return false;
    }

    /**
     * Removes channels from a connection and returns those it held (none when it is unknown or held none of them), so
     * that only a channel that was granted counts as released.
     */
    List<String> release(String connectionId, Collection<String> channels) {
        ConnectionState state = store.get(connectionId);
        if (state == null) {
            return List.of();
        }
        List<String> held =
                state.getChannels().stream().filter(channels::contains).toList();
        if (!held.isEmpty()) {
            List<String> kept = new ArrayList<>(state.getChannels());
            kept.removeAll(channels);
            store.put(connectionId, withChannels(state, kept));
        }
        return held;
    }

    /**
     * The user of the connection when it is authenticated and currently holds {@code channel}; empty for an
     * anonymous or unknown connection, or one the channel was never granted to or no longer is.
     */
    Optional<String> authenticatedHolder(String connectionId, String channel) {
        return Optional.ofNullable(store.get(connectionId))
                .filter(state -> state.getChannels().contains(channel))
                .map(ConnectionState::getUserId)
                .filter(userId -> !userId.isEmpty());
    }

    /** Forgets a closed connection and returns what it was, if the store knew it. */
    Optional<ConnectionState> close(String connectionId) {
        return Optional.ofNullable(store.delete(connectionId));
    }

    /** The state of the connection of {@code action}: the stored one, or a new one holding nothing (not stored). */
    ConnectionState stateOf(ClientAction action) {
        ConnectionState state = store.get(action.getConnectionId());
        return state != null ? state : fresh(action, List.of());
    }

    /**
     * Remembers a reconnection token issued to the connection of {@code action}, whose state is {@code state}, so
     * that its session can follow the connection's positions until it closes. Tokens that expired before the action
     * are dropped on the way, so the list stays as short as the tokens' lifetime allows.
     */
    void remember(ClientAction action, ConnectionState state, IssuedToken token) {
        List<IssuedToken> tokens = new ArrayList<>(unexpired(state.getTokens(), action.getTime()));
        tokens.add(token);
        store.put(
                action.getConnectionId(),
                ConnectionState.newBuilder(state).setTokens(tokens).build());
    }

    /** The tokens that have not expired at {@code time}. */
    static List<IssuedToken> unexpired(List<IssuedToken> tokens, Instant time) {
        return tokens.stream()
                .filter(token -> !time.isAfter(token.getExpiresAt()))
                .toList();
    }

    /** Gives the connection of {@code action} the action's roles and returns its state, created when missing. */
    ConnectionState refreshRoles(ClientAction action) {
        ConnectionState state = store.get(action.getConnectionId());
        ConnectionState refreshed = state == null
                ? fresh(action, List.of())
                : ConnectionState.newBuilder(state)
                        .setRoles(List.copyOf(action.getRoles()))
                        .build();
        store.put(action.getConnectionId(), refreshed);
        return refreshed;
    }

    /** A connection and the channels it holds that it may no longer receive. */
    record Revoked(String connectionId, ConnectionState state, List<String> channels) {}

    /**
     * Goes through every connection of this task and returns those for which {@code revoked} names channels. The
     * store is not changed while it is read; the caller releases the channels afterwards.
     */
    List<Revoked> findRevoked(Function<ConnectionState, List<String>> revoked) {
        List<Revoked> found = new ArrayList<>();
        try (KeyValueIterator<String, ConnectionState> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, ConnectionState> entry = entries.next();
                List<String> channels = revoked.apply(entry.value);
                if (!channels.isEmpty()) {
                    found.add(new Revoked(entry.key, entry.value, channels));
                }
            }
        }
        return found;
    }

    /**
     * The ids of this task's connections held by any of {@code gatewayIds}, by gateway (a gateway without any is
     * left out). The store is not changed while it is read; the caller closes the connections afterwards.
     */
    Map<String, List<String>> heldBy(Set<String> gatewayIds) {
        Map<String, List<String>> found = new TreeMap<>();
        try (KeyValueIterator<String, ConnectionState> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, ConnectionState> entry = entries.next();
                if (gatewayIds.contains(entry.value.getGatewayId())) {
                    found.computeIfAbsent(entry.value.getGatewayId(), gateway -> new ArrayList<>())
                            .add(entry.key);
                }
            }
        }
        return found;
    }

    private static ConnectionState fresh(ClientAction action, List<String> channels) {
        return ConnectionState.newBuilder()
                .setGatewayId(action.getGatewayId())
                .setUserId(action.getUserId())
                .setRoles(List.copyOf(action.getRoles()))
                .setChannels(List.copyOf(channels))
                .build();
    }

    private static ConnectionState withChannels(ConnectionState state, List<String> channels) {
        return ConnectionState.newBuilder(state).setChannels(channels).build();
    }
}
