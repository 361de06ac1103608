package io.switchboard.processor.events;

import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.Audience;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which channels receive a valid domain event: its {@code channel}, the personal channel {@code user:<id>}
 * of every user in its audience, and that of every user who holds one of its audience roles (asked of the role
 * directory), each channel once. An event that cannot be delivered as asked (an unknown family, an audience user
 * that makes no channel name) is not delivered anywhere, so that nothing is half done; nor is one that reaches no
 * channel at all (only roles that no user holds). A family is known when {@code knownFamily} says so: in the
 * processor, when it is configured or an ACL rule names it (a family added with {@code switchboard acl grant},
 * whose output topic the CLI creates).
 */
final class EventAddressing {
    /** The result of addressing one event. */
    sealed interface Outcome {}

    /**
     * Deliver these, one per channel; {@code toUsers} of them go to the personal channels of audience users and
     * {@code toRoleHolders} to those of users reached through an audience role only.
     */
    record Addressed(List<Delivery> deliveries, int toUsers, int toRoleHolders) implements Outcome {}

    /** Deliver nothing; dead-letter the event with {@code reason}. */
    record Unroutable(String reason) implements Outcome {}

    private final Predicate<String> knownFamily;
    private final Function<String, List<String>> roleHolders;
    private final String userFamily;

    /**
     * @param knownFamily whether a family has an output topic; asked once per event, on the stream thread
     * @param roleHolders the users who hold a role, from the role directory
     * @param userFamily the family of personal channels, {@code user}, always known
     */
    EventAddressing(Predicate<String> knownFamily, Function<String, List<String>> roleHolders, String userFamily) {
        this.knownFamily = knownFamily;
        this.roleHolders = roleHolders;
        this.userFamily = userFamily;
    }

    /** Addresses {@code event}, whose record was written at {@code timestampMs} (the delivery's event time). */
    Outcome address(DomainEvent event, long timestampMs) {
        Set<String> channels = new LinkedHashSet<>();
        if (event.getChannel() != null) {
            String family = ChannelName.parse(event.getChannel()).family();
            if (!family.equals(userFamily) && !knownFamily.test(family)) {
                return new Unroutable("unknown channel family '" + family + "'");
            }
            channels.add(event.getChannel());
        }
        Audience audience = event.getAudience() != null ? event.getAudience() : new Audience(List.of(), List.of());
        for (String user : audience.getUsers()) {
            String personal = personal(user);
            if (!ChannelName.isValid(personal)) {
                return new Unroutable("audience user '" + user + "' makes no valid channel name");
            }
            channels.add(personal);
        }
        int toUsers = channels.size() - (event.getChannel() == null ? 0 : 1);
        Set<String> roles = new LinkedHashSet<>(audience.getRoles());
        int toRoleHolders = addRoleHolders(roles, channels);
        if (channels.isEmpty()) {
            return new Unroutable(
                    roles.isEmpty()
                            ? "the event has no channel and no audience"
                            : "audience matched no user (roles: " + String.join(", ", roles) + ")");
        }
        return new Addressed(deliveries(event, channels, timestampMs), toUsers, toRoleHolders);
    }

    // Holders are valid user ids (the directory keeps no other), so their personal channels need no check.
    private int addRoleHolders(Set<String> roles, Set<String> channels) {
        int before = channels.size();
        for (String role : roles) {
            for (String user : roleHolders.apply(role)) {
                channels.add(personal(user));
            }
        }
        return channels.size() - before;
    }

    private String personal(String user) {
        return userFamily + ":" + user;
    }

    private static List<Delivery> deliveries(DomainEvent event, Set<String> channels, long timestampMs) {
        List<Delivery> deliveries = new ArrayList<>(channels.size());
        for (String channel : channels) {
            deliveries.add(Delivery.newBuilder()
                    .setChannel(channel)
                    .setEventId(event.getId())
                    .setEvent(event.getEvent())
                    .setTime(Instant.ofEpochMilli(timestampMs))
                    .setPayload(event.getPayload())
                    .setReplayed(false)
                    .build());
        }
        return deliveries;
    }
}
