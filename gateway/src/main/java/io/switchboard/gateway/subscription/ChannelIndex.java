package io.switchboard.gateway.subscription;

import io.switchboard.schemas.ChannelName;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which local subscribers receive which channel, and which channel families have any subscriber (the output
 * topics the gateway must read). Not thread-safe: one thread owns it (the delivery consumer), which makes every
 * change exact with respect to the records it fans out; only the two counts may be read from other threads.
 *
 * @param <S> the subscriber type (a session)
 */
public final class ChannelIndex<S> {
    private final Map<String, Set<S>> subscribers = new HashMap<>();
    private final Map<S, Set<String>> channelsOf = new HashMap<>();
    private final Map<String, Integer> channelsPerFamily = new HashMap<>();
    // written by the owning thread only, read by metric scrapes from any thread: volatile is enough
    private volatile int subscriptionCount;
    private volatile int channelCount;

    /** Adds a subscriber to a channel; returns false when it was already there. */
    public boolean add(String channel, S subscriber) {
        Set<S> set = subscribers.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        if (!set.add(subscriber)) {
            return false;
        }
        if (set.size() == 1) {
            channelsPerFamily.merge(familyOf(channel), 1, Integer::sum);
            channelCount = subscribers.size();
        }
        channelsOf.computeIfAbsent(subscriber, s -> new LinkedHashSet<>()).add(channel);
        subscriptionCount = subscriptionCount + 1;
        return true;
    }

    /** Removes a subscriber from a channel; returns the channel's family if no channel of it has subscribers left. */
    public Optional<String> remove(String channel, S subscriber) {
        Set<S> set = subscribers.get(channel);
        if (set == null || !set.remove(subscriber)) {
            return Optional.empty();
        }
        subscriptionCount = subscriptionCount - 1;
        Set<String> channels = channelsOf.get(subscriber);
        channels.remove(channel);
        if (channels.isEmpty()) {
            channelsOf.remove(subscriber);
        }
        return set.isEmpty() ? channelEmptied(channel) : Optional.empty();
    }

    /** Removes a subscriber from every channel; returns the families left without subscribers. */
    public Set<String> removeAll(S subscriber) {
        Set<String> emptied = new LinkedHashSet<>();
        for (String channel : List.copyOf(channelsOf.getOrDefault(subscriber, Set.of()))) {
            remove(channel, subscriber).ifPresent(emptied::add);
        }
        return emptied;
    }

    /** The subscribers of a channel, in subscription order; a live view, not to be kept. */
    public Collection<S> subscribers(String channel) {
        Set<S> set = subscribers.get(channel);
        return set == null ? List.of() : Collections.unmodifiableSet(set);
    }

    /** Runs {@code action} once for each subscriber of any channel; the action must not change this index. */
    public void forEachSubscriber(Consumer<S> action) {
        channelsOf.keySet().forEach(action);
    }

    Set<String> channelsOf(S subscriber) {
        return Set.copyOf(channelsOf.getOrDefault(subscriber, Set.of()));
    }

    /** Subscriptions held (a subscriber in a channel counts once); safe to read from any thread. */
    public int subscriptionCount() {
        return subscriptionCount;
    }

    /** Channels with at least one subscriber; safe to read from any thread. */
    public int channelCount() {
        return channelCount;
    }

    public boolean hasFamily(String family) {
        return channelsPerFamily.containsKey(family);
    }

    Set<String> families() {
        return Set.copyOf(channelsPerFamily.keySet());
    }

    private Optional<String> channelEmptied(String channel) {
        subscribers.remove(channel);
        channelCount = subscribers.size();
        String family = familyOf(channel);
        int left = channelsPerFamily.merge(family, -1, Integer::sum);
        if (left > 0) {
            return Optional.empty();
        }
        channelsPerFamily.remove(family);
        return Optional.of(family);
    }

    private static String familyOf(String channel) {
        return ChannelName.parse(channel).family();
    }
}
